using OmniBot.Models.Downloads;
using OmniBot.Models.Store;

namespace OmniBot.Models.Tests.Downloads;

/// <summary>
/// Downloads under <see cref="PullNetworkPolicy.PublicOnly"/>, the policy of pulls requested over HTTP. The loopback
/// file server plays both the forbidden target (asserted to receive no request) and, through
/// <see cref="FakePublicNetwork"/>, the public hosts a pull may use.
/// </summary>
public sealed class PullNetworkPolicyTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("omnibot-policy-").FullName;
    private readonly byte[] _model = TestGgufBytes.Llama();
    private LoopbackModelServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackModelServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static ModelDownloaderOptions Fast(long parallelThreshold = long.MaxValue) => new()
    {
        InitialRetryDelay = TimeSpan.Zero,
        MaxRetries = 2,
        ParallelThreshold = parallelThreshold,
        SplitAfter = TimeSpan.Zero,
        WriteBufferBytes = 16 * 1024,
    };

    private Task<DownloadedFile> DownloadAsync(PullNetworkPolicy policy, Uri uri, ModelDownloaderOptions? options = null)
    {
        var http = policy.CreateHttpClient();
        return DownloadAndDisposeAsync(http, uri, options);
    }

    private async Task<DownloadedFile> DownloadAndDisposeAsync(HttpClient http, Uri uri, ModelDownloaderOptions? options)
    {
        using (http)
        {
            var request = new DownloadRequest(uri) { ExpectedSha256 = LoopbackModelServer.Sha256Hex(_model) };
            return await new ModelDownloader(http, options ?? Fast()).DownloadAsync(request, _directory);
        }
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.1", "loopback")]
    [InlineData("[::ffff:127.0.0.1]", "loopback")]
    [InlineData("[::1]", "loopback")]
    [InlineData("localhost", "loopback")]
    [InlineData("0.0.0.0", "unspecified")]
    public async Task DownloadAsync_ALoopbackHostInAnyForm_IsRefusedWhenConnectingAndNothingIsRequested(string host, string kind)
    {
        _server.AddFile("/files/model.gguf", _model);
        var uri = new Uri($"http://{host}:{_server.BaseUri.Port}/files/model.gguf");

        var error = await Assert.ThrowsAsync<PullRefusedException>(() => DownloadAsync(PullNetworkPolicy.PublicOnly, uri));

        Assert.Contains($"may not reach {kind} address", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-private-pulls", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(FakePublicNetwork.LoopbackName, "loopback address 127.0.0.1")]
    [InlineData(FakePublicNetwork.IntranetName, "private address 10.0.0.5")]
    public async Task DownloadAsync_ANameThatResolvesToANonPublicAddress_IsRefusedAndNothingIsRequested(string host, string expected)
    {
        _server.AddFile("/files/model.gguf", _model);

        var error = await Assert.ThrowsAsync<PullRefusedException>(
            () => DownloadAsync(FakePublicNetwork.PublicOnly(), FakePublicNetwork.At(host, _server, "/files/model.gguf")));

        Assert.Contains($"may not reach {expected} (host '{host}')", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task DownloadAsync_APublicHost_IsDownloadedAndVerified()
    {
        _server.AddFile("/files/model.gguf", _model);

        var file = await DownloadAsync(FakePublicNetwork.PublicOnly(), FakePublicNetwork.At(FakePublicNetwork.PublicHost, _server, "/files/model.gguf"));

        Assert.Equal(_model, await File.ReadAllBytesAsync(file.Path));
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/cdn/model.gguf")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/cdn/model.gguf")]
    [InlineData("http://localhost:{0}/cdn/model.gguf")]
    [InlineData("http://" + FakePublicNetwork.LoopbackName + ":{0}/cdn/model.gguf")]
    [InlineData("http://" + FakePublicNetwork.IntranetName + ":{0}/cdn/model.gguf")]
    public async Task DownloadAsync_APublicHostRedirectingToANonPublicOne_IsRefusedBeforeTheSecondHop(string target)
    {
        _server.AddFile("/cdn/model.gguf", _model);
        _server.AddRedirect("/resolve/model.gguf", new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, target, _server.BaseUri.Port)));

        var error = await Assert.ThrowsAsync<PullRefusedException>(
            () => DownloadAsync(FakePublicNetwork.PublicOnly(), FakePublicNetwork.At(FakePublicNetwork.PublicHost, _server, "/resolve/model.gguf")));

        Assert.Contains("may not reach", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.RequestsFor("/resolve/model.gguf"));
        Assert.Empty(_server.RequestsFor("/cdn/model.gguf"));
    }

    [Fact]
    public async Task DownloadAsync_APublicHostRedirectingToAPublicCdn_FetchesEveryRangeThroughTheRedirect()
    {
        var large = _model;
        _server.AddFile("/cdn/model.gguf", large);
        _server.AddRedirect("/resolve/model.gguf", FakePublicNetwork.At(FakePublicNetwork.CdnHost, _server, "/cdn/model.gguf"));
        using var http = FakePublicNetwork.PublicOnly().CreateHttpClient();
        var request = new DownloadRequest(FakePublicNetwork.At(FakePublicNetwork.PublicHost, _server, "/resolve/model.gguf"))
        {
            ExpectedSha256 = LoopbackModelServer.Sha256Hex(large),
        };

        var file = await new ModelDownloader(http, Fast(parallelThreshold: 0)).DownloadAsync(request, _directory);

        Assert.Equal(large, await File.ReadAllBytesAsync(file.Path));
        var ranged = _server.RequestsFor("/cdn/model.gguf").Where(r => !r.IsProbe).ToArray();
        Assert.True(ranged.Length > 1, "the download was split into parallel ranges");
        Assert.All(ranged, r => Assert.NotNull(r.RangeStart));
        Assert.Equal(_server.RequestsFor("/cdn/model.gguf").Count, _server.RequestsFor("/resolve/model.gguf").Count);
    }

    [Fact]
    public async Task ResolveAsync_AHuggingFaceEndpointOnLoopback_IsRefusedAndNothingIsRequested()
    {
        _server.AddRepository("acme", "Tiny-GGUF", [("tiny-Q8_0.gguf", _model)]);
        using var http = PullNetworkPolicy.PublicOnly.CreateHttpClient();
        var resolver = new ModelSourceResolver(http, new HuggingFaceOptions { Endpoint = _server.BaseUri });
        ModelSource.TryParse("hf:acme/Tiny-GGUF:Q8_0", out var source);

        var error = await Assert.ThrowsAsync<PullRefusedException>(() => resolver.ResolveAsync(source!));

        Assert.Contains("may not reach loopback address 127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task PullAsync_WithoutLocalFiles_RefusesAnExistingPathAndImportsNothing()
    {
        var path = Path.Combine(_directory, "model.gguf");
        await File.WriteAllBytesAsync(path, _model);
        var store = new ModelStore(Path.Combine(_directory, "store"));
        using var http = PullNetworkPolicy.PublicOnly.CreateHttpClient();
        var puller = new ModelPuller(store, new ModelDownloader(http), new ModelSourceResolver(http)) { AllowLocalFiles = false };

        var error = await Assert.ThrowsAsync<PullRefusedException>(() => puller.PullAsync(path));

        Assert.Contains("omnibot import", error.Message, StringComparison.Ordinal);
        Assert.Empty(store.List());
    }
}
