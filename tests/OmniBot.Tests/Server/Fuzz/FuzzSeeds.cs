using System.Text.Json.Nodes;

namespace OmniBot.Tests.Server.Fuzz;

/// <summary>
/// A valid request for every endpoint of both APIs (small replies from the tiny models); the fuzzer mutates these.
/// Requests that change the store only name models that do not exist or copies of the tiny ones.
/// </summary>
internal static class FuzzSeeds
{
    private const string Chat = OmniBotTestServer.Llama;
    private const string Embedder = OmniBotTestServer.Embedder;
    private const string Reranker = OmniBotTestServer.Reranker;

    public static IReadOnlyList<(string Path, JsonObject Body)> Posts { get; } =
    [
        ("/v1/chat/completions", Json("""{"model":"@chat","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],"max_tokens":4,"temperature":0,"seed":1}""")),
        ("/v1/chat/completions", Json("""{"model":"@chat","messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],"max_tokens":4,"stream":true,"stream_options":{"include_usage":true},"stop":["\n"],"top_p":0.9,"logit_bias":{"12":-100}}""")),
        ("/v1/chat/completions", Json("""{"model":"@chat","messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"sunny"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],"tool_choice":"auto","max_tokens":8}""")),
        ("/v1/chat/completions", Json("""{"model":"@chat","messages":[{"role":"user","content":"A record"}],"max_tokens":16,"response_format":{"type":"json_schema","json_schema":{"name":"r","strict":true,"schema":{"type":"object","properties":{"a":{"type":"string","pattern":"^[a-z]{1,4}$"},"n":{"type":"integer","minimum":0,"maximum":99},"e":{"enum":["x","y"]},"l":{"type":"array","items":{"type":"number"},"maxItems":2}},"required":["a","n"],"additionalProperties":false}}}}""")),
        ("/v1/chat/completions", Json("""{"model":"@chat","messages":[{"role":"user","content":"json"}],"max_tokens":8,"response_format":{"type":"json_object"},"frequency_penalty":0.5,"presence_penalty":0.5,"n":1,"user":"u"}""")),
        ("/v1/completions", Json("""{"model":"@chat","prompt":"Once upon","max_tokens":4,"temperature":0.7,"echo":false,"min_p":0.05,"typical_p":0.9,"repeat_penalty":1.1,"repeat_last_n":64,"dry_multiplier":0.5,"dry_penalty_last_n":-1,"xtc_probability":0.1,"xtc_threshold":0.2,"top_k":20}""")),
        ("/v1/completions", Json("""{"model":"@chat","prompt":["a","b"],"max_tokens":4,"stream":true,"grammar":"root ::= [a-z]+"}""")),
        ("/v1/embeddings", Json("""{"model":"@embed","input":["hello world","second"],"encoding_format":"float"}""")),
        ("/v1/embeddings", Json("""{"model":"@embed","input":"one","encoding_format":"base64"}""")),
        ("/v1/rerank", Json("""{"model":"@rerank","query":"capital","documents":["Paris","a cat"],"top_n":1}""")),
        ("/v1/reranking", Json("""{"model":"@rerank","query":"capital","documents":["Paris"]}""")),
        ("/api/chat", Json("""{"model":"@chat","messages":[{"role":"user","content":"Hi"}],"stream":false,"options":{"num_predict":4,"temperature":0.8,"seed":3,"num_ctx":256,"num_keep":4,"repeat_last_n":32,"repeat_penalty":1.2,"top_p":0.9,"min_p":0.1,"typical_p":0.95,"presence_penalty":0.2,"frequency_penalty":0.1,"mirostat":0}}""")),
        ("/api/chat", Json("""{"model":"@chat","messages":[{"role":"user","content":"Hi","images":[]}],"options":{"num_predict":4,"stop":["x"]},"keep_alive":"5m","think":false}""")),
        ("/api/chat", Json("""{"model":"@chat","messages":[{"role":"user","content":"Weather?"}],"stream":false,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],"options":{"num_predict":8}}""")),
        ("/api/generate", Json("""{"model":"@chat","prompt":"Hello","stream":false,"options":{"num_predict":4,"top_k":5},"system":"Be brief."}""")),
        ("/api/generate", Json("""{"model":"@chat","prompt":"Hello","raw":true,"format":{"type":"object","properties":{"a":{"type":"boolean"}},"required":["a"]},"options":{"num_predict":12}}""")),
        ("/api/generate", Json("""{"model":"@chat","prompt":"Hello","format":"json","stream":false,"options":{"num_predict":6}}""")),
        ("/api/embed", Json("""{"model":"@embed","input":["hello","world"],"truncate":true}""")),
        ("/api/embeddings", Json("""{"model":"@embed","prompt":"hello"}""")),
        ("/api/show", Json("""{"model":"@chat","verbose":true}""")),
        ("/api/copy", Json("""{"source":"@chat","destination":"fuzz-copy:latest"}""")),
        ("/api/delete", Json("""{"model":"fuzz-absent:latest"}""")),
        ("/api/pull", Json("""{"model":"fuzz-absent-catalog-name","stream":false,"insecure":true}""")),
    ];

    public static IReadOnlyList<string> Gets { get; } =
    [
        "/health", "/metrics", "/api/hardware", "/api/tags", "/api/ps", "/api/version", "/v1/models", "/v1/models/" + Chat, "/login", "/", "/library", "/chat",
    ];

    private static JsonObject Json(string text) => JsonNode.Parse(text
        .Replace("@chat", Chat, StringComparison.Ordinal)
        .Replace("@embed", Embedder, StringComparison.Ordinal)
        .Replace("@rerank", Reranker, StringComparison.Ordinal))!.AsObject();
}
