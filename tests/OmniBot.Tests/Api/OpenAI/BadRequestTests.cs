using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>Every kind of bad input is a 4xx in OpenAI's error envelope that names the field, and the server keeps serving.</summary>
[Collection(OpenAIServerCollection.Name)]
public sealed class BadRequestTests(ServerFixture fixture)
{
    private const string Chat = "/v1/chat/completions";
    private const string Hello = """[{"role":"user","content":"hi"}]""";

    private readonly OmniBotTestServer _server = fixture.Server;

    [Theory]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": [""", 400, null)]
    [InlineData(Chat, "", 400, null)]
    [InlineData(Chat, """[1, 2]""", 400, null)]
    [InlineData(Chat, """{"messages": [{"role":"user","content":"hi"}]}""", 400, "model")]
    [InlineData(Chat, """{"model": "tiny-qwen"}""", 400, "messages")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": []}""", 400, "messages")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": "hi"}""", 400, "messages")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": [{"role":"wizard","content":"hi"}]}""", 400, "messages[0].role")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": [{"role":"user"}]}""", 400, "messages[0].content")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": [{"role":"user","content":42}]}""", 400, "messages[0].content")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": [{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""", 400, "messages[0].content[0]")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": [{"role":"tool","content":"42"}]}""", 400, "messages[0].tool_call_id")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": [{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}""", 400, "messages[0].tool_calls[0].function.arguments")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "temperature": "hot"}""", 400, "temperature")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "temperature": -1}""", 400, "temperature")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "temperature": 7}""", 400, "temperature")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "top_p": 1.5}""", 400, "top_p")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "top_k": -3}""", 400, "top_k")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "max_tokens": -5}""", 400, "max_tokens")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "max_completion_tokens": 0}""", 400, "max_completion_tokens")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "max_tokens": 100000000}""", 400, "max_tokens")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "max_tokens": 1e30}""", 400, "max_tokens")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "frequency_penalty": 3}""", 400, "frequency_penalty")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "n": 2}""", 400, "n")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "stop": 5}""", 400, "stop")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "stop": [""]}""", 400, "stop")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "stop": ["1","2","3","4","5","6","7","8","9","10","11","12","13","14","15","16","17","18","19","20","21","22","23","24","25","26","27","28","29","30","31","32","33","34","35","36","37","38","39","40","41","42","43","44","45","46","47","48","49","50","51","52","53","54","55","56","57","58","59","60","61","62","63","64","65","66","67","68","69","70","71","72","73","74","75","76","77","78","79","80","81","82","83","84","85","86","87","88","89","90","91","92","93","94","95","96","97","98","99","100","101","102","103","104","105","106","107","108","109","110","111","112","113","114","115","116","117","118","119","120","121","122","123","124","125","126","127","128","129"]}""", 400, "stop")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "logit_bias": {"abc": 5}}""", 400, "logit_bias")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "logit_bias": {"5": 500}}""", 400, "logit_bias")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "logprobs": true}""", 400, "logprobs")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "min_p": "low"}""", 400, "min_p")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "draft_max": 2.5}""", 400, "draft_max")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "tool_choice": "required"}""", 400, "tool_choice")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "tools": [{"type":"function","function":{"name":"f"}}], "tool_choice": {"type":"function","function":{"name":"g"}}}""", 400, "tool_choice")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "tools": [{"type":"retrieval"}]}""", 400, "tools[0].type")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "tools": [{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"string","pattern":"(unclosed"}}}}}]}""", 400, "tools[0].function.parameters")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "response_format": {"type":"yaml"}}""", 400, "response_format.type")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "response_format": {"type":"json_schema"}}""", 400, "response_format.json_schema")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "response_format": {"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object","properties":{"a":{"type":"string","pattern":"(unclosed"}}}}}}""", 400, "response_format.json_schema.schema")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "response_format": {"type":"json_schema","json_schema":{"name":"x","schema":"not a schema"}}}""", 400, "response_format.json_schema.schema")]
    [InlineData(Chat, """{"model": "tiny-qwen", "messages": HELLO, "grammar": "root ::= ("}""", 400, "grammar")]
    [InlineData(Chat, """{"model": "no-such-model", "messages": HELLO}""", 404, "model")]
    [InlineData(Chat, """{"model": "Bad Name!", "messages": HELLO}""", 400, "model")]
    [InlineData(Chat, """{"model": "tiny-embed", "messages": HELLO}""", 400, "model")]
    [InlineData("/v1/completions", """{"model": "tiny-qwen"}""", 400, "prompt")]
    [InlineData("/v1/completions", """{"model": "tiny-qwen", "prompt": [1, 2, 3]}""", 400, "prompt")]
    [InlineData("/v1/completions", """{"model": "tiny-qwen", "prompt": ["a", "b"]}""", 400, "prompt")]
    [InlineData("/v1/completions", """{"model": "tiny-qwen", "prompt": "hi", "n": 3}""", 400, "n")]
    [InlineData("/v1/completions", """{"model": "tiny-qwen", "prompt": "hi", "suffix": "end"}""", 400, "suffix")]
    [InlineData("/v1/completions", """{"model": "tiny-qwen", "prompt": "hi", "max_tokens": 0}""", 400, "max_tokens")]
    [InlineData("/v1/completions", """{"model": "tiny-qwen", "prompt": "hi", "min_p": 7}""", 400, "min_p")]
    [InlineData("/v1/completions", """{"model": "tiny-qwen", "prompt": ""}""", 400, "prompt")]
    [InlineData("/v1/embeddings", """{"model": "tiny-embed"}""", 400, "input")]
    [InlineData("/v1/embeddings", """{"model": "tiny-embed", "input": []}""", 400, "input")]
    [InlineData("/v1/embeddings", """{"model": "tiny-embed", "input": [[1, 2, 3]]}""", 400, "input")]
    [InlineData("/v1/embeddings", """{"model": "tiny-embed", "input": "hi", "encoding_format": "hex"}""", 400, "encoding_format")]
    [InlineData("/v1/embeddings", """{"model": "tiny-embed", "input": "hi", "dimensions": 3}""", 400, "dimensions")]
    [InlineData("/v1/embeddings", """{"model": "tiny-rerank", "input": "hi"}""", 400, null)]
    [InlineData("/v1/rerank", """{"model": "tiny-rerank", "documents": ["a"]}""", 400, "query")]
    [InlineData("/v1/rerank", """{"model": "tiny-rerank", "query": "q", "documents": []}""", 400, "documents")]
    [InlineData("/v1/rerank", """{"model": "tiny-rerank", "query": "q", "documents": [3]}""", 400, "documents[0]")]
    [InlineData("/v1/rerank", """{"model": "tiny-rerank", "query": "q", "documents": ["a"], "top_n": 0}""", 400, "top_n")]
    [InlineData("/v1/rerank", """{"model": "tiny-embed", "query": "q", "documents": ["a"]}""", 400, null)]
    public async Task Post_BadInput_IsAClientErrorInOpenAIsEnvelope(string path, string body, int status, string? parameter)
    {
        using var request = JsonRequests.Post(path, body.Replace("HELLO", Hello, StringComparison.Ordinal));
        var (response, json) = await JsonRequests.SendAsync(_server.Client, request);

        using (response)
        {
            Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {json}");
        }

        var error = json.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(status == 404 ? "not_found_error" : "invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()));
        if (parameter is not null)
        {
            Assert.Equal(parameter, error.GetProperty("param").GetString());
        }

        await AssertStillServesAsync();
    }

    private static string DeepObject => string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + string.Concat(Enumerable.Repeat("}", 100_000));

    private static string DeepArray => string.Concat(Enumerable.Repeat("[", 100_000)) + string.Concat(Enumerable.Repeat("]", 100_000));

    /// <summary>A chat request nested 100,000 deep in one of the places that carry free-form JSON.</summary>
    private static string DeeplyNestedChatRequest(string place)
    {
        var messages = "\"messages\": " + Hello;
        var rest = place switch
        {
            "tool parameters" => messages + ", \"tools\": [{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":" + DeepObject + "}}]",
            "content part" => "\"messages\": [{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\",\"extra\":" + DeepArray + "}]}]",
            "content" => "\"messages\": [{\"role\":\"user\",\"content\":" + DeepObject + "}]",
            "tool call arguments" => "\"messages\": [{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":" + DeepObject + "}}]}]",
            "response schema" => messages + ", \"response_format\": {\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":" + DeepObject + "}}",
            _ => messages + ", \"metadata\": " + DeepArray,
        };
        return "{\"model\": \"tiny-qwen\", \"max_tokens\": 4, " + rest + "}";
    }

    [Theory]
    [InlineData("tool parameters")]
    [InlineData("content part")]
    [InlineData("content")]
    [InlineData("tool call arguments")]
    [InlineData("response schema")]
    [InlineData("unknown field")]
    public async Task Post_Json100000LevelsDeep_IsABadRequestAndTheServerKeepsServing(string place)
    {
        using var request = JsonRequests.Post(Chat, DeeplyNestedChatRequest(place));
        var (response, json) = await JsonRequests.SendAsync(_server.Client, request);

        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {json}");
        }

        var message = json.GetProperty("error").GetProperty("message").GetString();
        Assert.Contains("depth", message, StringComparison.OrdinalIgnoreCase);
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData(Chat)]
    [InlineData("/v1/completions")]
    public async Task Post_PromptLongerThanTheContext_IsContextLengthExceeded(string path)
    {
        var longText = string.Join(' ', Enumerable.Range(0, 700).Select(i => $"word{i}"));
        var body = path == Chat
            ? JsonRequests.Chat(OmniBotTestServer.Qwen, longText, maxTokens: 4)
            : new JsonObject { ["model"] = OmniBotTestServer.Qwen, ["prompt"] = longText, ["max_tokens"] = 4 };

        using var request = JsonRequests.Post(path, body);
        var (response, json) = await JsonRequests.SendAsync(_server.Client, request);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal("context_length_exceeded", json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(path == Chat ? "messages" : "prompt", json.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Stream_BadInput_IsAnErrorStatusNotABrokenStream()
    {
        var body = JsonRequests.Chat(OmniBotTestServer.Qwen, string.Join(' ', Enumerable.Range(0, 700).Select(i => $"w{i}")));
        body["stream"] = true;

        using var request = JsonRequests.Post(Chat, body);
        var (response, json) = await JsonRequests.SendAsync(_server.Client, request);

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal("context_length_exceeded", json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_UnknownV1Path_IsNotFoundInOpenAIsEnvelope()
    {
        using var request = JsonRequests.Post("/v1/chat/complete", """{"model": "tiny-qwen"}""");
        var (response, json) = await JsonRequests.SendAsync(_server.Client, request);

        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal("not_found_error", json.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("/v1/chat/complete", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task AssertStillServesAsync()
    {
        using var response = await _server.Client.GetAsync(new Uri("/v1/models", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
