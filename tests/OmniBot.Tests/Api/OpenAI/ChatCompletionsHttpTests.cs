using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Server.Management;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>Chat completions over raw HTTP: the SSE format byte for byte, stop sequences, llama.cpp's extra fields, tool round trips.</summary>
[Collection(OpenAIServerCollection.Name)]
public sealed class ChatCompletionsHttpTests(ServerFixture fixture)
{
    private readonly OmniBotTestServer _server = fixture.Server;
    private readonly HttpClient _http = fixture.Server.Client;

    [Fact]
    public async Task Stream_IsServerSentEventsEndingWithUsageThenDone()
    {
        var body = JsonRequests.Chat(OmniBotTestServer.Qwen, "Stream format check.");
        var whole = await JsonRequests.PostOkAsync(_http, "/v1/chat/completions", body);
        body["stream"] = true;
        body["stream_options"] = new JsonObject { ["include_usage"] = true };

        using var request = JsonRequests.Post("/v1/chat/completions", body);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = await SseEvents.ReadDataAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(SseEvents.Done, events[^1]);
        Assert.Single(events, data => data == SseEvents.Done);
        var chunks = SseEvents.Chunks(events);
        Assert.All(chunks, chunk => Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(chunk => chunk.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());

        var usageChunk = chunks[^1];
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        var usage = usageChunk.GetProperty("usage");
        var wholeUsage = whole.GetProperty("usage");
        Assert.Equal(wholeUsage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        Assert.True(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32() >= 0);

        var finishes = chunks.SkipLast(1).Select(chunk => chunk.GetProperty("choices")[0].GetProperty("finish_reason")).ToList();
        Assert.All(finishes.SkipLast(1), finish => Assert.Equal(JsonValueKind.Null, finish.ValueKind));
        Assert.Equal(whole.GetProperty("choices")[0].GetProperty("finish_reason").GetString(), finishes[^1].GetString());
        Assert.Equal(JsonRequests.Content(whole), SseEvents.ChatText(chunks));
    }

    [Fact]
    public async Task Stream_WithoutIncludeUsage_HasNoUsageChunk()
    {
        var body = JsonRequests.Chat(OmniBotTestServer.Qwen, "No usage please.", maxTokens: 4);
        body["stream"] = true;

        using var request = JsonRequests.Post("/v1/chat/completions", body);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var chunks = SseEvents.Chunks(await SseEvents.ReadDataAsync(response));

        Assert.All(chunks, chunk => Assert.False(chunk.TryGetProperty("usage", out _)));
        Assert.All(chunks, chunk => Assert.Equal(1, chunk.GetProperty("choices").GetArrayLength()));
    }

    [Fact]
    public async Task NonStream_HasOpenAIsShape()
    {
        var completion = await JsonRequests.PostOkAsync(_http, "/v1/chat/completions", JsonRequests.Chat(OmniBotTestServer.Llama, "Shape check.", maxTokens: 6));

        Assert.StartsWith("chatcmpl-", completion.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", completion.GetProperty("object").GetString());
        Assert.Equal(OmniBotTestServer.Llama, completion.GetProperty("model").GetString());
        Assert.InRange(completion.GetProperty("created").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
        var choice = Assert.Single(completion.GetProperty("choices").EnumerateArray());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Contains(choice.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        Assert.InRange(completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 1, 6);
    }

    [Fact]
    public async Task Stop_EndsTheReplyBeforeTheStopText()
    {
        var free = JsonRequests.Content(await JsonRequests.PostOkAsync(_http, "/v1/chat/completions", JsonRequests.Chat(OmniBotTestServer.Qwen, "Stop sequence check.", maxTokens: 24)))!;
        Assert.True(free.Length >= 8, $"'{free}' is too short to cut");
        var stop = free.Substring(free.Length / 2, 3);
        var body = JsonRequests.Chat(OmniBotTestServer.Qwen, "Stop sequence check.", maxTokens: 24);
        body["stop"] = new JsonArray("never-produced-stop", stop);

        var stopped = await JsonRequests.PostOkAsync(_http, "/v1/chat/completions", body);

        Assert.Equal(free[..free.IndexOf(stop, StringComparison.Ordinal)], JsonRequests.Content(stopped));
        Assert.Equal("stop", stopped.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task LlamaCppGrammar_PassesThroughAndConstrainsTheReply()
    {
        var body = JsonRequests.Chat(OmniBotTestServer.Qwen, "Yes or no?", maxTokens: 8);
        body["grammar"] = "root ::= \"yes\" | \"no\"";
        body["top_k"] = 20;
        body["min_p"] = 0.1;
        body["repeat_penalty"] = 1.1;
        body["chat_template_kwargs"] = new JsonObject { ["enable_thinking"] = false };

        var completion = await JsonRequests.PostOkAsync(_http, "/v1/chat/completions", body);

        Assert.Contains(JsonRequests.Content(completion), new[] { "yes", "no" });
    }

    [Fact]
    public async Task ContentParts_AreReadLikeTheSameTextAsAString()
    {
        var asString = JsonRequests.Chat(OmniBotTestServer.Qwen, "Parts are text.", maxTokens: 8);
        var asParts = JsonRequests.Chat(OmniBotTestServer.Qwen, "ignored", maxTokens: 8);
        asParts["messages"]![0]!["content"] = new JsonArray(
            new JsonObject { ["type"] = "text", ["text"] = "Parts " },
            new JsonObject { ["type"] = "text", ["text"] = "are text." });

        var fromString = await JsonRequests.PostOkAsync(_http, "/v1/chat/completions", asString);
        var fromParts = await JsonRequests.PostOkAsync(_http, "/v1/chat/completions", asParts);

        Assert.Equal(JsonRequests.Content(fromString), JsonRequests.Content(fromParts));
    }

    [Fact]
    public async Task ToolResults_FollowingTheAssistantsCalls_AreAccepted()
    {
        var body = new JsonObject
        {
            ["model"] = OmniBotTestServer.Qwen,
            ["max_tokens"] = 6,
            ["temperature"] = 0,
            ["tools"] = new JsonArray(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = "lookup", ["parameters"] = JsonNode.Parse("""{"type":"object","properties":{"q":{"type":"string"}}}""") },
            }),
            ["messages"] = JsonNode.Parse("""
                [
                  {"role": "developer", "content": "Use tools."},
                  {"role": "user", "content": "Find cats."},
                  {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": "{\"q\":\"cats\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_1", "content": "Cats are mammals."}
                ]
                """),
        };

        var completion = await JsonRequests.PostOkAsync(_http, "/v1/chat/completions", body);

        Assert.True(completion.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 10);
    }

    [Fact]
    public async Task JsonObjectFormat_ReplyIsAJsonObjectAsFarAsItGoes()
    {
        var body = JsonRequests.Chat(OmniBotTestServer.Qwen, "Answer in JSON.", maxTokens: 60);
        body["response_format"] = new JsonObject { ["type"] = "json_object" };

        var completion = await JsonRequests.PostOkAsync(_http, "/v1/chat/completions", body);

        // Any JSON object is allowed, so gibberish keys may run past the limit; what was written is an object's start.
        var content = JsonRequests.Content(completion)!;
        Assert.StartsWith("{", content.TrimStart(), StringComparison.Ordinal);
        if (completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString() == "stop")
        {
            using var reply = JsonDocument.Parse(content);
            Assert.Equal(JsonValueKind.Object, reply.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task ChatCompletion_IsCountedInTheServersMetrics()
    {
        var metrics = _server.App.Services.GetRequiredService<ServerMetrics>();
        var generations = metrics.Generations;
        var completionTokens = metrics.CompletionTokens;

        var completion = await JsonRequests.PostOkAsync(_http, "/v1/chat/completions", JsonRequests.Chat(OmniBotTestServer.Qwen, "Count me.", maxTokens: 5));

        Assert.Equal(generations + 1, metrics.Generations);
        Assert.Equal(completionTokens + completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), metrics.CompletionTokens);
    }
}
