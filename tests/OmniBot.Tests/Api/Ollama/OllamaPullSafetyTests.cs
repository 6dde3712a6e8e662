using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Models.Downloads;
using OmniBot.Models.Store;
using OmniBot.Models.Tests.Downloads;
using OmniBot.Server.Pulls;
using OmniBot.TestModels;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.Ollama;

/// <summary>
/// <c>POST /api/pull</c> on a server without <c>--allow-private-pulls</c>: a request cannot make the server fetch
/// from this machine (the loopback file server standing in for it never sees a request), and pulls are capped.
/// </summary>
public sealed class OllamaPullSafetyTests : IClassFixture<ServerFixture>
{
    private readonly OmniBotTestServer _server;

    public OllamaPullSafetyTests(ServerFixture fixture) => _server = fixture.Server;

    private static Task<byte[]> ModelBytesAsync() =>
        File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0));

    private static string PullBody(string model, bool stream) => JsonSerializer.Serialize(new { model, stream });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pull_ALoopbackUrl_Answers403AndTheFileServerGetsNoRequest(bool stream)
    {
        await using var files = await LoopbackModelServer.StartAsync();
        var url = files.AddFile("/models/model.gguf", await ModelBytesAsync());

        using var response = await OllamaHttp.PostAsync(_server.Client, "api/pull", PullBody(url.AbsoluteUri, stream));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = await OllamaHttp.ErrorAsync(response);
        Assert.Contains("may not reach loopback address 127.0.0.1", error, StringComparison.Ordinal);
        Assert.Contains("--allow-private-pulls", error, StringComparison.Ordinal);
        Assert.Empty(files.Requests);
    }

    [Fact]
    public async Task Pull_AHostNameThatResolvesToLoopback_FailsWithoutReachingTheFileServer()
    {
        await using var files = await LoopbackModelServer.StartAsync();
        files.AddFile("/models/model.gguf", await ModelBytesAsync());
        var policy = new PullNetworkPolicy
        {
            ResolveHost = (host, _) => Task.FromResult(host == "mirror.example" ? new[] { IPAddress.Loopback } : throw new InvalidOperationException(host)),
        };
        await using var server = await OmniBotTestServer.StartAsync(configureBuilder: builder => builder.Services.AddSingleton(policy));

        using var response = await OllamaHttp.PostAsync(server.Client, "api/pull", PullBody($"http://mirror.example:{files.BaseUri.Port}/models/model.gguf", stream: false));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("may not reach loopback address 127.0.0.1 (host 'mirror.example')", await OllamaHttp.ErrorAsync(response), StringComparison.Ordinal);
        Assert.Empty(files.Requests);
        Assert.Null(server.Store.Find(ModelRef.Parse("model")));
    }

    [Fact]
    public async Task Pull_WhileAsManyPullsRunAsAllowed_Answers503WithRetryAfter()
    {
        await using var files = await LoopbackModelServer.StartAsync();
        var content = await ModelBytesAsync();
        await using var server = await OmniBotTestServer.StartAsync(options => options with
        {
            Pulls = options.Pulls with { AllowPrivateAddresses = true, MaxConcurrentPulls = 1 },
        });
        files.EnqueueFault(ServerFault.StallAfter(1024));
        var running = server.App.Services.GetRequiredService<ModelPullService>().Start(files.AddFile("/models/slow.gguf", content).AbsoluteUri);
        var second = files.AddFile("/models/second.gguf", content);

        using var response = await OllamaHttp.PostAsync(server.Client, "api/pull", PullBody(second.AbsoluteUri, stream: false));
        running.Cancel();
        await running.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Too many pulls: the limit of 1 running at once", await OllamaHttp.ErrorAsync(response), StringComparison.Ordinal);
        Assert.Empty(files.RequestsFor("/models/second.gguf"));
    }
}
