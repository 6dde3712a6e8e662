using System.Net;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.Ollama;

/// <summary>Every kind of bad input gets a 4xx with Ollama's <c>{"error": "…"}</c> and a message that says what is wrong.</summary>
public sealed class OllamaBadInputTests : IClassFixture<ServerFixture>
{
    private const string Hi = "\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";

    private readonly OmniBotTestServer _server;

    public OllamaBadInputTests(ServerFixture fixture) => _server = fixture.Server;

    public static TheoryData<string, string, string, int, string> Cases() => new()
    {
        { "POST", "api/chat", "{\"model\": ", 400, "not valid JSON" },
        { "POST", "api/chat", "", 400, "JSON" },
        { "POST", "api/chat", "[1, 2]", 400, "JSON" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", \"stream\": \"yes\", {Hi}}}", 400, "$.stream" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", \"messages\": {{\"role\": \"user\"}}}}", 400, "$.messages" },
        { "POST", "api/chat", $"{{{Hi}}}", 400, "model is required" },
        { "POST", "api/chat", $"{{\"model\": \"no-such-model\", {Hi}}}", 404, "model 'no-such-model' not found" },
        { "POST", "api/chat", $"{{\"model\": \"../etc\", {Hi}}}", 400, "not a valid model name" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": {{\"temperature\": \"hot\"}}}}", 400, "option 'temperature'" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": {{\"temperature\": -1}}}}", 400, "option 'temperature'" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": {{\"top_k\": 2.5}}}}", 400, "option 'top_k'" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": {{\"top_p\": 3}}}}", 400, "option 'top_p'" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": {{\"stop\": 5}}}}", 400, "option 'stop'" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": {{\"stop\": [{string.Join(",", Enumerable.Range(0, 129).Select(i => $"\"s{i}\""))}]}}}}", 400, "At most 128 stop sequences" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", \"messages\": [{{\"role\": \"user\", \"content\": \"\\ud800\"}}]}}", 400, "invalid text at messages[0].content" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": {{\"use_mmap\": \"no\"}}}}", 400, "option 'use_mmap'" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": 3}}", 400, "options must be a JSON object" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": {{\"num_predict\": -3}}}}", 400, "option 'num_predict'" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": {{\"num_predict\": 99999999999}}}}", 400, "option 'num_predict'" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": {{\"num_ctx\": 0}}}}", 400, "option 'num_ctx'" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"options\": {{\"num_ctx\": 100000000}}}}", 400, "option 'num_ctx'" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"keep_alive\": \"forever\"}}", 400, "keep_alive" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"think\": \"maybe\"}}", 400, "think must be" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"format\": \"xml\"}}", 400, "format must be" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"format\": 42}}", 400, "format must be" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"format\": {{\"type\": \"object\", \"properties\": {{\"a\": {{\"$ref\": \"#/$defs/missing\"}}}}}}}}", 400, "format is not a JSON schema" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"template\": \"{{{{ .Prompt }}}}\"}}", 400, "template" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", {Hi}, \"tools\": [{{\"type\": \"function\", \"function\": {{\"description\": \"x\"}}}}]}}", 400, "function.name" },
        { "POST", "api/chat", "{\"model\": \"tiny-llama\", \"messages\": [{\"role\": \"wizard\", \"content\": \"Hi\"}]}", 400, "role must be" },
        { "POST", "api/chat", "{\"model\": \"tiny-llama\", \"messages\": [null]}", 400, "messages[0] is null" },
        { "POST", "api/chat", "{\"model\": \"tiny-llama\", \"messages\": [{\"role\": \"user\", \"content\": \"Look\", \"images\": [\"aGk=\"]}]}", 400, "images" },
        { "POST", "api/chat", "{\"model\": \"tiny-llama\", \"messages\": [{\"role\": \"assistant\", \"tool_calls\": [{\"function\": {\"name\": \"f\", \"arguments\": 5}}]}, {\"role\": \"user\", \"content\": \"ok\"}]}", 400, "arguments must be a JSON object" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-embed\", {Hi}}}", 400, "embedding model" },
        { "POST", "api/chat", $"{{\"model\": \"tiny-llama\", \"messages\": [{{\"role\": \"user\", \"content\": \"{LongText}\"}}]}}", 400, "context" },
        { "POST", "api/generate", $"{{\"model\": \"tiny-llama\", \"prompt\": \"{LongText}\"}}", 400, "context" },
        { "POST", "api/generate", $"{{\"model\": \"tiny-llama\", \"raw\": true, \"prompt\": \"{LongText}\"}}", 400, "context" },
        { "POST", "api/generate", "{\"model\": \"tiny-llama\", \"prompt\": \"def f(\", \"suffix\": \"return x\"}", 400, "suffix" },
        { "POST", "api/generate", "{\"model\": \"tiny-llama\", \"prompt\": \"What is this?\", \"images\": [\"aGk=\"]}", 400, "images" },
        { "POST", "api/generate", "{\"model\": \"tiny-llama\", \"prompt\": \"Go on\", \"context\": [1, 2, 3]}", 400, "context is not supported" },
        { "POST", "api/generate", "{\"model\": \"tiny-llama\", \"prompt\": \"Go on\", \"raw\": \"yes\"}", 400, "$.raw" },
        { "POST", "api/generate", "{\"model\": \"missing:v2\", \"prompt\": \"Hi\"}", 404, "model 'missing:v2' not found" },
        { "POST", "api/embed", "{\"model\": \"tiny-embed\", \"input\": 5}", 400, "input must be a string or an array of strings" },
        { "POST", "api/embed", "{\"model\": \"tiny-embed\", \"input\": [\"a\", 1]}", 400, "input must be a string or an array of strings" },
        { "POST", "api/embed", "{\"model\": \"tiny-embed\", \"input\": \"a\", \"dimensions\": 7}", 400, "dimensions 7" },
        { "POST", "api/embed", $"{{\"model\": \"tiny-embed\", \"input\": \"{LongText}\", \"truncate\": false}}", 400, "tokens" },
        { "POST", "api/embed", "{\"model\": \"tiny-rerank\", \"input\": \"a\"}", 400, "reranker" },
        { "POST", "api/embed", "{\"model\": \"nothing\", \"input\": \"a\"}", 404, "model 'nothing' not found" },
        { "POST", "api/embeddings", "{\"model\": \"tiny-embed\", \"prompt\": 5}", 400, "$.prompt" },
        { "POST", "api/show", "{}", 400, "model is required" },
        { "POST", "api/show", "{\"model\": \"ghost\"}", 404, "model 'ghost' not found" },
        { "DELETE", "api/delete", "{\"model\": \"ghost\"}", 404, "model 'ghost' not found" },
        { "DELETE", "api/delete", "{\"model\": ", 400, "not valid JSON" },
        { "POST", "api/copy", "{\"source\": \"ghost\", \"destination\": \"other\"}", 404, "model 'ghost' not found" },
        { "POST", "api/copy", "{\"source\": \"tiny-llama\", \"destination\": \"bad/name\"}", 400, "destination must be a model name" },
        { "POST", "api/pull", "{}", 400, "model is required" },
        { "POST", "api/pull", "{\"model\": \"no-such-catalog-model\"}", 404, "not in the catalog" },
        { "POST", "api/pull", "{\"model\": \"/etc/passwd\"}", 400, "omnibot import" },
        { "POST", "api/pull", "{\"model\": \"file:///etc/passwd\"}", 400, "omnibot import" },
    };

    private static string LongText => string.Join(' ', Enumerable.Repeat("lorem ipsum dolor sit amet", 400));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_WithBadInput_IsRefusedWithAClearOllamaError(string method, string path, string body, int status, string fragment)
    {
        using var response = await OllamaHttp.SendAsync(_server.Client, new HttpMethod(method), path, body);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await OllamaHttp.ErrorAsync(response);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    public static TheoryData<string> AbsurdButValidOptions() => new()
    {
        "\"keep_alive\": 9223372036854775807, \"options\": {\"num_predict\": 2}",
        "\"options\": {\"num_predict\": 2, \"repeat_last_n\": 2147483647, \"repeat_penalty\": 1.1}",
        "\"options\": {\"num_predict\": 2, \"num_keep\": 2147483647}",
    };

    [Theory]
    [MemberData(nameof(AbsurdButValidOptions))]
    public async Task Request_WithAbsurdButValidValues_IsAnswered(string fields)
    {
        using var response = await OllamaHttp.PostAsync(_server.Client, "api/chat", $"{{\"model\": \"tiny-llama\", \"stream\": false, {Hi}, {fields}}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string DeeplyNestedChatRequest(string place)
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + string.Concat(Enumerable.Repeat("}", 100_000));
        var rest = place switch
        {
            "tool parameters" => Hi + ", \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"f\", \"parameters\": " + deep + "}}]",
            "tool call arguments" => "\"messages\": [{\"role\": \"assistant\", \"content\": \"\", \"tool_calls\": [{\"function\": {\"name\": \"f\", \"arguments\": " + deep + "}}]}]",
            "format" => Hi + ", \"format\": " + deep,
            _ => Hi + ", \"options\": " + deep,
        };
        return "{\"model\": \"tiny-llama\", \"stream\": false, " + rest + "}";
    }

    [Theory]
    [InlineData("tool parameters")]
    [InlineData("tool call arguments")]
    [InlineData("format")]
    [InlineData("options")]
    public async Task Chat_Json100000LevelsDeep_IsRefusedAndTheServerStillAnswers(string place)
    {
        using (var response = await OllamaHttp.PostAsync(_server.Client, "api/chat", DeeplyNestedChatRequest(place)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("depth", await OllamaHttp.ErrorAsync(response), StringComparison.OrdinalIgnoreCase);
        }

        using var after = await OllamaHttp.PostAsync(_server.Client, "api/chat", "{\"model\": \"tiny-llama\", \"stream\": false, " + Hi + ", \"options\": {\"num_predict\": 4}}");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Request_AfterBadInput_TheServerStillAnswers()
    {
        using (await OllamaHttp.PostAsync(_server.Client, "api/chat", "{\"model\": \"tiny-llama\", \"messages\": [{\"role\": 7}]}"))
        {
        }

        using var response = await OllamaHttp.PostAsync(_server.Client, "api/chat", $"{{\"model\": \"tiny-llama\", \"stream\": false, {Hi}, \"options\": {{\"num_predict\": 8}}}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
