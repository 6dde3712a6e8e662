using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Models.Downloads;
using OmniBot.Models.Store;
using OmniBot.Models.Tests.Downloads;
using OmniBot.Server.Pulls;
using OmniBot.TestModels;

namespace OmniBot.Tests.Server;

/// <summary>
/// Pulls requested over HTTP on a server started without <c>--allow-private-pulls</c>: nothing on this machine or
/// its network is fetched, and the loopback file server standing in for such a target never sees a request.
/// </summary>
public sealed class PullSafetyTests : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly OmniBotTestServer _server;

    public PullSafetyTests(ServerFixture fixture) => _server = fixture.Server;

    private ModelPullService Pulls => _server.App.Services.GetRequiredService<ModelPullService>();

    private static Task<byte[]> ModelBytesAsync() =>
        File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1")]
    [InlineData("2130706433")]
    [InlineData("0x7f000001")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[::1]")]
    [InlineData("0.0.0.0")]
    [InlineData("localhost")]
    [InlineData("models.localhost")]
    public async Task Start_ALoopbackAddressInAnyForm_IsRefusedAndTheFileServerGetsNoRequest(string host)
    {
        await using var files = await LoopbackModelServer.StartAsync();
        files.AddFile("/models/model.gguf", await ModelBytesAsync());
        var url = $"http://{host}:{files.BaseUri.Port}/models/model.gguf";

        var error = Assert.Throws<PullRefusedException>(() => Pulls.Start(url, "loopback:v1"));

        Assert.Contains("--allow-private-pulls", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Pulls.Jobs, job => job.Source == url);
        Assert.Empty(files.Requests);
    }

    [Theory]
    [InlineData("http://10.0.0.5/model.gguf", "private")]
    [InlineData("http://192.168.1.20/model.gguf", "private")]
    [InlineData("http://172.16.0.1/model.gguf", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/model.gguf", "link-local")]
    [InlineData("http://100.64.0.1/model.gguf", "shared (CGNAT)")]
    [InlineData("http://[fd00::1]/model.gguf", "private")]
    [InlineData("http://[fe80::1]/model.gguf", "link-local")]
    [InlineData("http://224.0.0.1/model.gguf", "multicast")]
    public void Start_APrivateAddress_IsRefusedNamingWhatItIs(string url, string kind)
    {
        var error = Assert.Throws<PullRefusedException>(() => Pulls.Start(url));

        Assert.Contains($"may not reach {kind} address", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Pulls.Jobs, job => job.Source == url);
    }

    [Fact]
    public void Start_APathOnTheServer_IsRefusedAndNothingIsImported()
    {
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0);
        var before = _server.Store.List().Count;

        foreach (var source in new[] { path, new Uri(path).AbsoluteUri, "../models/x.gguf", @"C:\models\x.gguf" })
        {
            var error = Assert.Throws<PullRefusedException>(() => Pulls.Start(source, "stolen:v1"));
            Assert.Contains("omnibot import", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, _server.Store.List().Count);
        Assert.Null(_server.Store.Find(ModelRef.Parse("stolen:v1")));
    }

    [Fact]
    public async Task Start_AHostNameThatResolvesToLoopback_FailsWhenConnectingAndTheFileServerGetsNoRequest()
    {
        await using var files = await LoopbackModelServer.StartAsync();
        files.AddFile("/models/model.gguf", await ModelBytesAsync());
        var policy = new PullNetworkPolicy
        {
            ResolveHost = (host, _) => Task.FromResult(host == "mirror.example" ? new[] { IPAddress.Loopback } : throw new InvalidOperationException(host)),
        };
        await using var server = await OmniBotTestServer.StartAsync(configureBuilder: builder => builder.Services.AddSingleton(policy));
        var pulls = server.App.Services.GetRequiredService<ModelPullService>();

        var job = pulls.Start($"http://mirror.example:{files.BaseUri.Port}/models/model.gguf", "rebound:v1");
        await job.Completion.WaitAsync(Wait);

        Assert.Equal(PullState.Failed, job.Snapshot.State);
        Assert.Contains("may not reach loopback address 127.0.0.1 (host 'mirror.example')", job.Snapshot.Error, StringComparison.Ordinal);
        Assert.Empty(files.Requests);
        Assert.Null(server.Store.Find(ModelRef.Parse("rebound:v1")));
    }
}
