using System.Net;
using OmniBot.Models.Downloads;

namespace OmniBot.Models.Tests.Downloads;

/// <summary>
/// Redirects as <see cref="PullNetworkPolicy"/> follows them (even the unrestricted policy of <c>omnibot pull</c>):
/// Hugging Face's redirect to its CDN keeps working for ranges and resumes; chains are capped; https never drops to http.
/// </summary>
public sealed class PullRedirectTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("omnibot-redirect-").FullName;
    private readonly byte[] _model = TestGgufBytes.Llama();
    private readonly HttpClient _http = PullNetworkPolicy.Unrestricted.CreateHttpClient();
    private LoopbackModelServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackModelServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static ModelDownloaderOptions Fast() => new() { InitialRetryDelay = TimeSpan.Zero, MaxRetries = 3, WriteBufferBytes = 16 * 1024 };

    private DownloadRequest Request(Uri uri) => new(uri) { ExpectedSha256 = LoopbackModelServer.Sha256Hex(_model) };

    [Fact]
    public async Task DownloadAsync_RedirectedToACdnAndCutMidway_ResumesWithARangeThroughTheRedirect()
    {
        var cdn = _server.AddFile("/cdn/model.gguf", _model);
        var resolve = _server.AddRedirect("/resolve/main/model.gguf", cdn);
        _server.EnqueueFault(ServerFault.DropAfter(_model.Length / 2));

        var file = await new ModelDownloader(_http, Fast()).DownloadAsync(Request(resolve), _directory);

        Assert.Equal(_model, await File.ReadAllBytesAsync(file.Path));
        var resumed = _server.RequestsFor("/cdn/model.gguf")[^1];
        Assert.InRange(resumed.RangeStart!.Value, 1, _model.Length / 2);
        Assert.Equal(_server.RequestsFor("/cdn/model.gguf").Count, _server.RequestsFor("/resolve/main/model.gguf").Count);
    }

    [Fact]
    public async Task DownloadAsync_AsManyRedirectsAsAllowed_IsFollowedToTheFile()
    {
        var target = _server.AddFile("/files/model.gguf", _model);
        for (var hop = PullNetworkPolicy.DefaultMaxRedirects; hop >= 1; hop--)
        {
            target = _server.AddRedirect($"/hop-{hop}", target);
        }

        var file = await new ModelDownloader(_http, Fast()).DownloadAsync(Request(target), _directory);

        Assert.Equal(_model, await File.ReadAllBytesAsync(file.Path));
    }

    [Fact]
    public async Task DownloadAsync_OneRedirectTooMany_IsRefusedBeforeTheFileIsRequested()
    {
        var target = _server.AddFile("/files/model.gguf", _model);
        for (var hop = PullNetworkPolicy.DefaultMaxRedirects + 1; hop >= 1; hop--)
        {
            target = _server.AddRedirect($"/hop-{hop}", target);
        }

        var error = await Assert.ThrowsAsync<PullRefusedException>(() => new ModelDownloader(_http, Fast()).DownloadAsync(Request(target), _directory));

        Assert.Contains($"redirected more than {PullNetworkPolicy.DefaultMaxRedirects} times", error.Message, StringComparison.Ordinal);
        Assert.Equal(PullNetworkPolicy.DefaultMaxRedirects + 1, _server.Requests.Count);
        Assert.Empty(_server.RequestsFor("/files/model.gguf"));
    }

    [Fact]
    public async Task SendAsync_AnHttpsAnswerRedirectingToPlainHttp_IsRefusedAndTheHttpServerGetsNoRequest()
    {
        var plain = _server.AddFile("/files/model.gguf", _model);
        var tls = new CallbackHandler(_ => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = plain } });
        using var http = new HttpClient(PullNetworkPolicy.Unrestricted.CreateRedirectHandler(tls));

        var error = await Assert.ThrowsAsync<PullRefusedException>(() => http.GetAsync(new Uri("https://models.example/model.gguf")));

        Assert.Contains("from https to plain http", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, tls.Calls);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task SendAsync_ARedirectToAnotherScheme_IsRefused()
    {
        var tls = new CallbackHandler(_ => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("file:///etc/passwd") } });
        using var http = new HttpClient(PullNetworkPolicy.Unrestricted.CreateRedirectHandler(tls));

        var error = await Assert.ThrowsAsync<PullRefusedException>(() => http.GetAsync(new Uri("https://models.example/model.gguf")));

        Assert.Contains("'file:'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, tls.Calls);
    }

    [Fact]
    public async Task DownloadAsync_ATokenRedirectedToAnotherOrigin_StaysWithTheFirst()
    {
        await using var cdn = await LoopbackModelServer.StartAsync();
        var file = cdn.AddFile("/cdn/model.gguf", _model);
        var sameOrigin = _server.AddRedirect("/resolve/model.gguf", _server.AddRedirect("/again/model.gguf", file));

        await new ModelDownloader(_http, Fast()).DownloadAsync(Request(sameOrigin) with { BearerToken = "hf_secret" }, _directory);

        Assert.All(_server.Requests, r => Assert.Equal("Bearer hf_secret", r.Authorization));
        Assert.NotEmpty(cdn.Requests);
        Assert.All(cdn.Requests, r => Assert.Null(r.Authorization));
    }

    /// <summary>An inner handler that answers every request with what the callback gives, counting the calls.</summary>
    private sealed class CallbackHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(answer(request));
        }
    }
}
