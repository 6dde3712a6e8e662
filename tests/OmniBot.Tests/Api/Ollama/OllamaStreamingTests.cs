using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Server.Management;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.Ollama;

/// <summary>The wire format over raw HTTP: NDJSON framing, single-object answers, raw prompts, metrics and disconnects.</summary>
public sealed class OllamaStreamingTests : IClassFixture<ServerFixture>
{
    private const string Greedy = "\"options\": {\"temperature\": 0, \"seed\": 3, \"num_predict\": 16}";
    private static readonly string[] DoneFields = ["total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration"];

    private readonly OmniBotTestServer _server;

    public OllamaStreamingTests(ServerFixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task Chat_StreamedByDefault_IsNdjsonEndingWithADoneLine()
    {
        using var response = await OllamaHttp.PostAsync(_server.Client, "api/chat", $$"""{"model": "tiny-llama", "messages": [{"role": "user", "content": "Count to ten."}], {{Greedy}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = await OllamaHttp.ReadLinesAsync(response);
        Assert.True(lines.Count >= 2);
        foreach (var line in lines[..^1])
        {
            Assert.False(line.GetProperty("done").GetBoolean());
            Assert.Equal("assistant", line.GetProperty("message").GetProperty("role").GetString());
            Assert.Equal("tiny-llama", line.GetProperty("model").GetString());
            Assert.False(line.TryGetProperty("eval_count", out _));
        }

        var done = lines[^1];
        Assert.True(done.GetProperty("done").GetBoolean());
        Assert.Equal(string.Empty, done.GetProperty("message").GetProperty("content").GetString());
        Assert.Contains(done.GetProperty("done_reason").GetString(), new[] { "stop", "length" });
        Assert.All(DoneFields, field => Assert.True(done.GetProperty(field).GetInt64() >= 0, field));
        Assert.InRange(done.GetProperty("eval_count").GetInt32(), lines.Count - 1, 16);
        Assert.True(done.GetProperty("total_duration").GetInt64() >= done.GetProperty("eval_duration").GetInt64());
    }

    [Fact]
    public async Task Generate_StreamFalse_AnswersOneJsonObject()
    {
        using var response = await OllamaHttp.PostAsync(_server.Client, "api/generate", $$"""{"model": "tiny-qwen", "prompt": "Hello", "stream": false, {{Greedy}}}""");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var answer = await OllamaHttp.ReadJsonAsync(response);
        Assert.True(answer.GetProperty("done").GetBoolean());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("response").GetString()));
        Assert.All(DoneFields, field => Assert.True(answer.TryGetProperty(field, out _), field));
    }

    [Fact]
    public async Task Generate_RawPromptOfTheTemplatedText_GivesTheSameGreedyReply()
    {
        var templated = await GenerateAsync("""{"model": "tiny-qwen", "prompt": "Hi there", "stream": false, "options": {"temperature": 0, "num_predict": 16}}""");
        var raw = await GenerateAsync("""{"model": "tiny-qwen", "raw": true, "prompt": "<|im_start|>user\nHi there<|im_end|>\n<|im_start|>assistant\n", "stream": false, "options": {"temperature": 0, "num_predict": 16}}""");
        var unformatted = await GenerateAsync("""{"model": "tiny-qwen", "raw": true, "prompt": "Hi there", "stream": false, "options": {"temperature": 0, "num_predict": 16}}""");

        Assert.Equal(templated.GetProperty("response").GetString(), raw.GetProperty("response").GetString());
        Assert.Equal(templated.GetProperty("prompt_eval_count").GetInt32(), raw.GetProperty("prompt_eval_count").GetInt32());
        Assert.True(unformatted.GetProperty("prompt_eval_count").GetInt32() < raw.GetProperty("prompt_eval_count").GetInt32());
    }

    [Fact]
    public async Task Chat_FormatSchema_ReturnsJsonThatFollowsTheSchema()
    {
        var body = """
            {"model": "tiny-llama", "stream": false, "options": {"temperature": 0.8, "seed": 11, "num_predict": 48},
             "messages": [{"role": "user", "content": "Rate it."}],
             "format": {"type": "object", "properties": {"verdict": {"enum": ["good", "bad"]}, "score": {"type": "integer", "minimum": 0, "maximum": 9}},
                        "required": ["verdict", "score"], "additionalProperties": false}}
            """;

        using var response = await OllamaHttp.PostAsync(_server.Client, "api/chat", body);

        var content = (await OllamaHttp.ReadJsonAsync(response)).GetProperty("message").GetProperty("content").GetString()!;
        var json = JsonDocument.Parse(content).RootElement;
        Assert.Contains(json.GetProperty("verdict").GetString(), new[] { "good", "bad" });
        Assert.InRange(json.GetProperty("score").GetInt32(), 0, 9);
        Assert.Equal(2, json.EnumerateObject().Count());
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("\"high\"")]
    public async Task Chat_ThinkOnAModelThatDoesNotReason_AnswersWithoutThinking(string think)
    {
        using var response = await OllamaHttp.PostAsync(_server.Client, "api/chat", $$"""{"model": "tiny-qwen", "stream": false, "think": {{think}}, "messages": [{"role": "user", "content": "Why?"}], {{Greedy}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = (await OllamaHttp.ReadJsonAsync(response)).GetProperty("message");
        Assert.False(message.TryGetProperty("thinking", out _));
        Assert.False(string.IsNullOrEmpty(message.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Chat_FinishedGeneration_IsCountedInTheServerMetrics()
    {
        var metrics = _server.App.Services.GetRequiredService<ServerMetrics>();
        var before = (metrics.Generations, metrics.CompletionTokens);

        using var response = await OllamaHttp.PostAsync(_server.Client, "api/chat", $$"""{"model": "tiny-llama", "stream": false, "messages": [{"role": "user", "content": "Go"}], {{Greedy}}}""");
        var answer = await OllamaHttp.ReadJsonAsync(response);

        Assert.Equal(before.Generations + 1, metrics.Generations);
        Assert.Equal(before.CompletionTokens + answer.GetProperty("eval_count").GetInt32(), metrics.CompletionTokens);
    }

    [Fact]
    public async Task Chat_ClientDisconnects_CancelsTheGeneration()
    {
        // A context size of its own gives this request a model instance, and counters, of its own; a long one
        // gives it thousands of tokens to generate, far more than can be done before the client leaves.
        var body = """{"model": "tiny-llama", "messages": [{"role": "user", "content": "Talk"}], "options": {"num_ctx": 4096, "num_predict": -1, "temperature": 0}}""";
        // HttpClient drains an abandoned response to reuse its connection; without draining, leaving closes it.
        using var leaving = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = _server.BaseAddress };
        using (var cancel = new CancellationTokenSource())
        {
            using var response = await OllamaHttp.PostAsync(leaving, "api/chat", body, cancel.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
            var first = JsonDocument.Parse((await reader.ReadLineAsync(cancel.Token))!).RootElement;
            Assert.False(first.GetProperty("done").GetBoolean());
            await cancel.CancelAsync();
        }

        var counters = _server.Models.Loaded.Single(model => model.ContextSize == 4096).Counters!;
        await counters.WhenAsync(current => current.Cancelled == 1).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, counters.Completed);
        Assert.True(counters.GeneratedTokens < 4000);
        await _server.Models.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, _server.Models.Loaded.Single(model => model.ContextSize == 4096).ActiveRequests);
    }

    private async Task<JsonElement> GenerateAsync(string body)
    {
        using var response = await OllamaHttp.PostAsync(_server.Client, "api/generate", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OllamaHttp.ReadJsonAsync(response);
    }
}
