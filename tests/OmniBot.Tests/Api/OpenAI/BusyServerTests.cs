using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniBot.Engine.Inference;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>A full queue answers 429 with Retry-After at once, and the waiting request is served when the slot frees.</summary>
public sealed class BusyServerTests : IAsyncLifetime
{
    private OmniBotTestServer? _server;

    private OmniBotTestServer Server => _server!;

    public async Task InitializeAsync() => _server = await OmniBotTestServer.StartAsync(options => options with
    {
        Models = options.Models with { Scheduler = new SchedulerOptions { Slots = 1, ContextSize = 4096, Threads = 2, QueueCapacity = 1 } },
    });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task ChatCompletion_QueueFull_IsTooManyRequestsWithRetryAfter()
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = Server.BaseAddress };
        var longReply = JsonRequests.Chat(OmniBotTestServer.Qwen, "Occupy the only slot.", maxTokens: 4000);
        longReply["stream"] = true;
        longReply["ignore_eos"] = true;
        using var occupying = JsonRequests.Post("/v1/chat/completions", longReply);
        var occupant = await http.SendAsync(occupying, HttpCompletionOption.ResponseHeadersRead);
        var occupantEvents = SseParser.Create(await occupant.Content.ReadAsStreamAsync()).EnumerateAsync().GetAsyncEnumerator();
        Assert.True(await occupantEvents.MoveNextAsync());

        // The slot is taken: one of these waits in the queue of one, the other finds it full.
        var first = SendShortAsync();
        var second = SendShortAsync();
        var done = await Task.WhenAny(first, second);
        var rejected = await done;
        var waiting = done == first ? second : first;

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.Response.StatusCode);
        Assert.Equal("1", rejected.Response.Headers.GetValues("Retry-After").Single());
        var error = rejected.Body.GetProperty("error");
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Equal("server_busy", error.GetProperty("code").GetString());

        await occupantEvents.DisposeAsync();
        occupant.Dispose();
        var served = await waiting;
        Assert.Equal(HttpStatusCode.OK, served.Response.StatusCode);
        rejected.Response.Dispose();
        served.Response.Dispose();
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> SendShortAsync()
    {
        using var request = JsonRequests.Post("/v1/chat/completions", JsonRequests.Chat(OmniBotTestServer.Qwen, "Short one.", maxTokens: 4));
        return await JsonRequests.SendAsync(Server.Client, request);
    }
}
