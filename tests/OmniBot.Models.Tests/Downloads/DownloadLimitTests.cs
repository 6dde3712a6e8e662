using OmniBot.Models.Downloads;

namespace OmniBot.Models.Tests.Downloads;

/// <summary>The download size cap, and failures that say what happened without repeating what the server sent.</summary>
public sealed class DownloadLimitTests : IAsyncLifetime
{
    private const string Secret = "TOP-SECRET-INTERNAL-DATA";
    private readonly string _directory = Directory.CreateTempSubdirectory("omnibot-limit-").FullName;
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

    private ModelDownloader Downloader(long maxFileBytes = ModelDownloaderOptions.DefaultMaxFileBytes) =>
        new(_http, new ModelDownloaderOptions { InitialRetryDelay = TimeSpan.Zero, MaxRetries = 1, WriteBufferBytes = 16 * 1024, MaxFileBytes = maxFileBytes });

    private string[] Leftovers() => [.. Directory.GetFiles(_directory).Select(Path.GetFileName).Where(name => !name!.StartsWith('.')).Select(name => name!)];

    [Fact]
    public async Task DownloadAsync_AnnouncedSizeOverTheLimit_StopsAfterTheProbeAndKeepsNothing()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);

        var error = await Assert.ThrowsAsync<DownloadTooLargeException>(() => Downloader(maxFileBytes: _model.Length - 1).DownloadAsync(new DownloadRequest(uri), _directory));

        Assert.Equal(_model.Length, error.Bytes);
        Assert.Contains($"{_model.Length - 1:N0}-byte limit", error.Message, StringComparison.Ordinal);
        Assert.All(_server.Requests, r => Assert.True(r.IsProbe));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task DownloadAsync_PublishedSizeOverTheLimit_SendsNoRequestAtAll()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);

        await Assert.ThrowsAsync<DownloadTooLargeException>(
            () => Downloader(maxFileBytes: 1024).DownloadAsync(new DownloadRequest(uri) { ExpectedSize = 2048 }, _directory));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task DownloadAsync_AStreamWithoutALengthPastTheLimit_IsCutOffAndDeleted()
    {
        var uri = _server.AddFile("/files/endless.gguf", _model, supportsRanges: false, sendLength: false);
        var limit = _model.Length / 2;

        var error = await Assert.ThrowsAsync<DownloadTooLargeException>(() => Downloader(maxFileBytes: limit).DownloadAsync(new DownloadRequest(uri), _directory));

        Assert.InRange(error.Bytes, limit + 1, _model.Length);
        Assert.Empty(Leftovers());
    }

    [Theory]
    [InlineData(403)]
    [InlineData(500)]
    public async Task DownloadAsync_AnErrorWithAReasonAndABody_ReportsTheStatusButNeitherText(int status)
    {
        var uri = _server.AddFile("/files/model.gguf", _model);
        _server.EnqueueFault(ServerFault.WithStatus(status, reason: Secret, body: Secret));
        _server.EnqueueFault(ServerFault.WithStatus(status, reason: Secret, body: Secret));

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(new DownloadRequest(uri), _directory));

        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAsync_AFileThatIsNotGguf_IsRejectedWithoutQuotingIt()
    {
        var uri = _server.AddFile("/files/model.gguf", System.Text.Encoding.ASCII.GetBytes(Secret + new string('x', 4096)));

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(new DownloadRequest(uri), _directory));

        Assert.Contains("not give a valid GGUF", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOP-", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("544F502D", error.Message, StringComparison.Ordinal);
    }
}
