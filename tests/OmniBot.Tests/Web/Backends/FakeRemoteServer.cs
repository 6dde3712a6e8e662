using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OmniBot.Tests.Web.Backends;

/// <summary>
/// A stand-in for a remote model server on 127.0.0.1 that speaks just enough of Ollama's and OpenAI's wire formats
/// (model lists and one streamed reply, "Hello there") to test the remote backends without the network.
/// </summary>
internal sealed class FakeRemoteServer : IAsyncDisposable
{
    public const string DefaultReply = "Hello there";

    private readonly WebApplication _app;

    private FakeRemoteServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Every request's path and query with its Referer header (empty when none), in arrival order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string PathAndQuery, string Referer)> Requests { get; } = new();

    /// <summary>The Authorization header of the last request.</summary>
    public string? LastAuthorization { get; private set; }

    /// <summary>The model named in the last chat request body.</summary>
    public string? LastChatBody { get; private set; }

    /// <summary>When set, OpenAI routes answer 401 unless the bearer token is this.</summary>
    public string? RequiredKey { get; init; }

    /// <summary>Starts a stand-in whose chat replies are <paramref name="reply"/>, streamed in two pieces.</summary>
    public static async Task<FakeRemoteServer> StartAsync(string? requiredKey = null, string reply = DefaultReply)
    {
        var pieces = new[] { reply[..(reply.Length / 2)], reply[(reply.Length / 2)..] };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeRemoteServer? server = null;
        app.Use(async (context, next) =>
        {
            server!.Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.Referer.ToString()));
            server.LastAuthorization = context.Request.Headers.Authorization.ToString();
            if (context.Request.Path.StartsWithSegments("/v1") && server.RequiredKey is { } key && server.LastAuthorization != "Bearer " + key)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });
        app.MapGet("/v1/models", () => Results.Text("""{"object":"list","data":[{"id":"remote-b","object":"model"},{"id":"remote-a","object":"model"}]}""", "application/json"));
        app.MapGet("/api/tags", () => Results.Text(
            """{"models":[{"name":"llama3:8b","model":"llama3:8b","size":4661224676,"digest":"abc","details":{"parameter_size":"8.0B","quantization_level":"Q4_0","family":"llama"}}]}""",
            "application/json"));
        app.MapPost("/v1/chat/completions", async context =>
        {
            server!.LastChatBody = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Response.ContentType = "text/event-stream";
            foreach (var (piece, finish) in new[] { (pieces[0], "null"), (pieces[1], "\"stop\"") })
            {
                await context.Response.WriteAsync(
                    $"data: {{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"remote-a\",\"choices\":[{{\"index\":0,\"delta\":{{\"role\":\"assistant\",\"content\":{Json(piece)}}},\"finish_reason\":{finish}}}]}}\n\n");
            }

            await context.Response.WriteAsync("data: [DONE]\n\n");
        });
        app.MapPost("/api/chat", async context =>
        {
            server!.LastChatBody = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Response.ContentType = "application/x-ndjson";
            foreach (var piece in pieces)
            {
                await context.Response.WriteAsync($$"""{"model":"llama3:8b","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":{{Json(piece)}}},"done":false}""" + "\n");
            }

            await context.Response.WriteAsync("""{"model":"llama3:8b","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":12,"eval_count":2,"eval_duration":1000000,"total_duration":2000000}""" + "\n");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeRemoteServer(app, new Uri(address)) { RequiredKey = requiredKey };
        return server;
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
