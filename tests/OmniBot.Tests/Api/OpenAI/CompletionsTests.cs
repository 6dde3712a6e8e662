using System.Net;
using System.Text.Json.Nodes;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary><c>/v1/completions</c>: raw text continued through the scheduler, whole or streamed.</summary>
[Collection(OpenAIServerCollection.Name)]
public sealed class CompletionsTests(ServerFixture fixture)
{
    private readonly HttpClient _http = fixture.Server.Client;

    [Fact]
    public async Task Complete_StreamedAndWhole_GiveTheSameGreedyTextAndUsage()
    {
        var body = Body("Once upon a time");
        var whole = await JsonRequests.PostOkAsync(_http, "/v1/completions", body);
        body["stream"] = true;
        body["stream_options"] = new JsonObject { ["include_usage"] = true };

        using var request = JsonRequests.Post("/v1/completions", body);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = await SseEvents.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text_completion", whole.GetProperty("object").GetString());
        Assert.StartsWith("cmpl-", whole.GetProperty("id").GetString(), StringComparison.Ordinal);
        var choice = whole.GetProperty("choices")[0];
        var text = choice.GetProperty("text").GetString()!;
        Assert.NotEmpty(text);
        Assert.Contains(choice.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        var usage = whole.GetProperty("usage");
        Assert.InRange(usage.GetProperty("completion_tokens").GetInt32(), 1, 10);
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());

        Assert.Equal(SseEvents.Done, events[^1]);
        var chunks = SseEvents.Chunks(events);
        var streamed = string.Concat(chunks.SkipLast(1).Select(chunk => chunk.GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal(text, streamed);
        Assert.Equal(choice.GetProperty("finish_reason").GetString(), chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Complete_MaxTokensReached_FinishesWithLength()
    {
        var body = Body("Count: one two three", maxTokens: 3);
        body["ignore_eos"] = true;

        var completion = await JsonRequests.PostOkAsync(_http, "/v1/completions", body);

        Assert.Equal(3, completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("length", completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Complete_Echo_StartsWithThePrompt()
    {
        var body = Body("Echo me");
        body["echo"] = true;

        var completion = await JsonRequests.PostOkAsync(_http, "/v1/completions", body);

        Assert.StartsWith("Echo me", completion.GetProperty("choices")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_SameSeedWithSampling_IsReproducible()
    {
        var body = Body("Random words:", maxTokens: 8);
        body["temperature"] = 1.0;
        body["seed"] = 1234;

        var first = await JsonRequests.PostOkAsync(_http, "/v1/completions", body);
        var second = await JsonRequests.PostOkAsync(_http, "/v1/completions", body);

        Assert.Equal(first.GetProperty("choices")[0].GetProperty("text").GetString(), second.GetProperty("choices")[0].GetProperty("text").GetString());
    }

    private static JsonObject Body(string prompt, int maxTokens = 10) => new()
    {
        ["model"] = OmniBotTestServer.Qwen,
        ["prompt"] = prompt,
        ["max_tokens"] = maxTokens,
        ["temperature"] = 0,
    };
}
