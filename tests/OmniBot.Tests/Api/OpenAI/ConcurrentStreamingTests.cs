using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>
/// Many streaming clients at once, some leaving mid-stream: the others get complete streams, and afterwards the
/// model has no busy slot and no lease left.
/// </summary>
public sealed class ConcurrentStreamingTests : IAsyncLifetime
{
    private const int Clients = 16;

    private readonly FinishedRequests _finished = new();
    private OmniBotTestServer? _server;

    private OmniBotTestServer Server => _server!;

    public async Task InitializeAsync() => _server = await OmniBotTestServer.StartAsync(
        // A long context lets a leaving client's reply run for seconds, so its generation can only end by cancellation,
        // however fast the tiny model decodes on a quiet machine.
        options => options with { Models = options.Models with { Scheduler = options.Models.Scheduler with { QueueCapacity = 32, ContextSize = 4096 } } },
        builder => builder.Services.AddSingleton<IStartupFilter>(_finished));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task SixteenStreams_SomeClientsLeave_OthersCompleteAndNothingLeaks()
    {
        var random = new Random(1729);
        var leaveAfter = Enumerable.Range(0, Clients).Select(_ => random.Next(3) == 0 ? random.Next(0, 8) : (int?)null).ToArray();
        Assert.InRange(leaveAfter.Count(plan => plan is not null), 3, Clients - 3);

        // No draining of unread responses: a client that stops reading closes its connection, as a browser tab does.
        using var http = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = Server.BaseAddress };
        var outcomes = await Task.WhenAll(leaveAfter.Select((plan, client) => RunClientAsync(http, plan, client)));
        await _finished.WhenFinishedAsync(Clients).WaitAsync(TimeSpan.FromMinutes(2));
        var fresh = await JsonRequests.PostOkAsync(Server.Client, "/v1/chat/completions", Body(stream: false));

        var complete = outcomes.Where(outcome => outcome is not null).Select(outcome => outcome!).ToList();
        Assert.Equal(leaveAfter.Count(plan => plan is null), complete.Count);
        Assert.All(complete, text => Assert.Equal(JsonRequests.Content(fresh), text));

        var model = Server.Models.Loaded.Single(status => status.Id == "tiny-qwen:latest");
        Assert.Equal(0, model.ActiveRequests);
        var counters = model.Counters!;
        Assert.Equal(0, counters.QueueLength);
        Assert.Equal(counters.Requests, counters.Completed + counters.Cancelled);
        Assert.InRange(counters.Requests, complete.Count + 1, Clients + 1);
        Assert.True(counters.Cancelled >= 1, $"no generation was cancelled: {counters.Completed} of {counters.Requests} completed");
    }

    /// <summary>Streams the reply; leaves after <paramref name="leaveAfter"/> events (null: reads to the end and returns the text).</summary>
    private static async Task<string?> RunClientAsync(HttpClient http, int? leaveAfter, int client)
    {
        // A client that leaves asks for a long reply, so that only cancellation can end it early.
        using var request = JsonRequests.Post("/v1/chat/completions", Body(stream: true, maxTokens: leaveAfter is null ? 24 : 4000));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var events = new List<string>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            if (events.Count == leaveAfter)
            {
                return null;
            }

            events.Add(item.Data);
        }

        Assert.True(leaveAfter is null, $"client {client} planned to leave after {leaveAfter} events but the stream had only {events.Count}");
        Assert.Equal(SseEvents.Done, events[^1]);
        var chunks = SseEvents.Chunks(events);
        Assert.Equal("length", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        return SseEvents.ChatText(chunks);
    }

    private static JsonObject Body(bool stream, int maxTokens = 24)
    {
        var body = JsonRequests.Chat(OmniBotTestServer.Qwen, "Many clients share this prompt.", maxTokens);
        body["stream"] = stream;
        body["ignore_eos"] = true;
        return body;
    }
}
