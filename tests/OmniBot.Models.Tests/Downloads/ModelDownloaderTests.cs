using OmniBot.Models.Downloads;
using OmniBot.Models.Gguf;
using OmniBot.Models.Store;

namespace OmniBot.Models.Tests.Downloads;

public sealed class ModelDownloaderTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("omnibot-download-").FullName;
    private readonly HttpClient _http = new();
    private readonly byte[] _model = TestGgufBytes.Llama();
    private LoopbackModelServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackModelServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static ModelDownloaderOptions Fast(int maxRetries = 3, long parallelThreshold = long.MaxValue, TimeSpan splitAfter = default) => new()
    {
        InitialRetryDelay = TimeSpan.Zero,
        ProgressInterval = TimeSpan.Zero,
        MaxRetries = maxRetries,
        ParallelThreshold = parallelThreshold,
        SplitAfter = splitAfter,
        CheckpointBytes = 32 * 1024,

        // The test files are a few hundred kilobytes: small writes keep checkpoints and splits mid-file.
        WriteBufferBytes = 16 * 1024,
    };

    private ModelDownloader Downloader(ModelDownloaderOptions? options = null) => new(_http, options ?? Fast());

    private static string Digest(byte[] bytes) => BlobDigest.FromHex(LoopbackModelServer.Sha256Hex(bytes));

    private string[] Leftovers() => Directory.GetFiles(_directory).Select(Path.GetFileName).Where(name => !name!.StartsWith('.')).ToArray()!;

    [Fact]
    public async Task DownloadAsync_FullFile_IsVerifiedAndReportsProgressToTheEnd()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);
        var reports = new List<DownloadProgress>();

        var file = await Downloader().DownloadAsync(new DownloadRequest(uri) { ExpectedSha256 = Digest(_model) }, _directory, new SyncProgress<DownloadProgress>(reports.Add));

        Assert.Equal(_model, await File.ReadAllBytesAsync(file.Path));
        Assert.Equal(Digest(_model), file.Digest);
        Assert.Equal(_model.Length, file.Size);
        Assert.Equal(_model.Length, reports[^1].BytesDone);
        Assert.Equal(_model.Length, reports[^1].TotalBytes);
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.Equal([Path.GetFileName(file.Path)], Leftovers());
    }

    [Fact]
    public async Task DownloadAsync_ConnectionDroppedAtRandomOffsets_ResumesAndVerifiesEveryTime()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);
        var random = new Random(1234);
        var resumedMidway = 0;
        for (var trial = 0; trial < 50; trial++)
        {
            var directory = Path.Combine(_directory, $"trial-{trial}");
            var cut = random.NextInt64(1, _model.Length);
            _server.EnqueueFault(ServerFault.DropAfter(cut));
            var before = _server.Requests.Count;

            var file = await Downloader().DownloadAsync(new DownloadRequest(uri) { ExpectedSha256 = Digest(_model) }, directory);

            Assert.Equal(Digest(_model), file.Digest);
            // A cut connection loses what was in flight, so the resume starts at or before the cut, never after.
            var resumed = _server.Requests.Skip(before).Last();
            Assert.InRange(resumed.RangeStart!.Value, 0, cut);
            resumedMidway += resumed.RangeStart > 0 ? 1 : 0;
        }

        Assert.True(resumedMidway > 25, $"only {resumedMidway} of 50 downloads resumed instead of restarting");
    }

    [Fact]
    public async Task DownloadAsync_NewDownloaderAfterFailedAttempt_ResumesFromTheSavedOffset()
    {
        var uri = _server.AddFile("/files/model.gguf", _model, etag: "\"v1\"");
        var request = new DownloadRequest(uri) { ExpectedSha256 = Digest(_model) };
        _server.EnqueueFault(ServerFault.DropAfter(100_000));

        await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader(Fast(maxRetries: 0)).DownloadAsync(request, _directory));
        var partial = ModelDownloader.GetPartialPath(_directory, uri);
        Assert.True(File.Exists(partial));
        Assert.True(File.Exists(partial + ".json"));

        var file = await Downloader().DownloadAsync(request, _directory);

        Assert.Equal(Digest(_model), file.Digest);
        var last = _server.Requests.Last();
        Assert.InRange(last.RangeStart!.Value, 1, 100_000);
        Assert.Equal("\"v1\"", last.IfRange);
    }

    [Fact]
    public async Task DownloadAsync_ProcessKilledMidDownload_NextDownloadResumesFromTheLastCheckpoint()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);
        _server.EnqueueFault(ServerFault.StallAfter(150_000));
        var afterKill = Path.Combine(_directory, "after-kill");
        Directory.CreateDirectory(afterKill);
        using var cancellation = new CancellationTokenSource();
        var partial = ModelDownloader.GetPartialPath(_directory, uri);
        using var checkpointed = new StateFileSignal(partial + ".json", state => state.BytesDone >= 32 * 1024);
        var progress = new SyncProgress<DownloadProgress>(report =>
        {
            // Checkpoints are saved in the background: kill once one of them has landed.
            if (report.BytesDone >= 100_000 && !cancellation.IsCancellationRequested && checkpointed.Landed.Wait(TimeSpan.FromSeconds(10)))
            {
                // What a killed process leaves on disk: the partial file and the last saved state, no cleanup.
                File.Copy(partial, ModelDownloader.GetPartialPath(afterKill, uri));
                File.Copy(partial + ".json", ModelDownloader.GetPartialPath(afterKill, uri) + ".json");
                cancellation.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Downloader().DownloadAsync(new DownloadRequest(uri), _directory, progress, cancellation.Token));

        var file = await Downloader().DownloadAsync(new DownloadRequest(uri) { ExpectedSha256 = Digest(_model) }, afterKill);

        Assert.Equal(Digest(_model), file.Digest);
        var resumedFrom = _server.Requests.Last().RangeStart!.Value;

        // At least one checkpoint (every 32 KiB here) was saved, and never beyond what had arrived.
        Assert.InRange(resumedFrom, 32 * 1024, 150_000);
    }

    [Fact]
    public async Task DownloadAsync_FileChangedOnTheServerBeforeTheResume_StartsOverWithTheNewFile()
    {
        var uri = _server.AddFile("/files/model.gguf", _model, etag: "\"v1\"");
        _server.EnqueueFault(ServerFault.DropAfter(100_000));
        await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader(Fast(maxRetries: 0)).DownloadAsync(new DownloadRequest(uri), _directory));
        var replacement = TestGgufBytes.Qwen();
        _server.AddFile("/files/model.gguf", replacement, etag: "\"v2\"");

        var file = await Downloader().DownloadAsync(new DownloadRequest(uri) { ExpectedSha256 = Digest(replacement) }, _directory);

        Assert.Equal(replacement, await File.ReadAllBytesAsync(file.Path));
    }

    [Fact]
    public async Task DownloadAsync_LargeFile_FetchesParallelRangesIntoOneFile()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);

        var file = await Downloader(Fast(parallelThreshold: 1024)).DownloadAsync(new DownloadRequest(uri), _directory);

        Assert.Equal(_model, await File.ReadAllBytesAsync(file.Path));
        // One connection first; its first piece written, the rest is split into four ranges.
        var ranges = _server.RequestsFor("model.gguf").Where(r => !r.IsProbe).Select(r => r.RangeStart!.Value).Order().ToArray();
        Assert.Equal(4, ranges.Length);
        Assert.Equal(0, ranges[0]);
        Assert.All(ranges.Skip(1), start => Assert.InRange(start, 1, _model.Length - 1));
    }

    [Fact]
    public async Task DownloadAsync_FastConnection_StaysOneStream()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);

        var file = await Downloader(Fast(parallelThreshold: 1024, splitAfter: TimeSpan.FromMinutes(1))).DownloadAsync(new DownloadRequest(uri) { ExpectedSha256 = Digest(_model) }, _directory);

        Assert.Equal(Digest(_model), file.Digest);
        Assert.Single(_server.RequestsFor("model.gguf"), r => !r.IsProbe);
    }

    [Fact]
    public async Task DownloadAsync_ParallelRangeDropped_ResumesOnlyThatRange()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);
        _server.EnqueueFault(ServerFault.DropAfter(0));
        _server.EnqueueFault(ServerFault.DropAfter(5000));

        var file = await Downloader(Fast(parallelThreshold: 1024)).DownloadAsync(new DownloadRequest(uri) { ExpectedSha256 = Digest(_model) }, _directory);

        Assert.Equal(Digest(_model), file.Digest);
        Assert.Equal(6, _server.RequestsFor("model.gguf").Count(r => !r.IsProbe));
    }

    [Fact]
    public async Task DownloadAsync_WrongPublishedDigest_DeletesThePartialAndThrows()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);
        var wrong = BlobDigest.FromHex(new string('a', 64));

        var ex = await Assert.ThrowsAsync<DigestMismatchException>(() => Downloader().DownloadAsync(new DownloadRequest(uri) { ExpectedSha256 = wrong }, _directory));

        Assert.Equal(wrong, ex.Expected);
        Assert.Equal(Digest(_model), ex.Actual);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task DownloadAsync_ETagThatIsASha256AndDiffers_IsRejected()
    {
        var uri = _server.AddFile("/files/model.gguf", _model, etag: $"\"{new string('b', 64)}\"");

        await Assert.ThrowsAsync<DigestMismatchException>(() => Downloader().DownloadAsync(new DownloadRequest(uri), _directory));

        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task DownloadAsync_NotAGgufFile_DeletesThePartialAndSaysSo()
    {
        var junk = new byte[50_000];
        new Random(7).NextBytes(junk);
        var uri = _server.AddFile("/files/junk.gguf", junk);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(new DownloadRequest(uri) { ExpectedSha256 = Digest(junk) }, _directory));

        Assert.IsType<GgufFormatException>(ex.InnerException);
        Assert.Contains("not give a valid GGUF", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task DownloadAsync_TruncatedBodyWithoutLengthOrRanges_IsRejectedAsInvalidGguf()
    {
        var uri = _server.AddFile("/files/model.gguf", _model[..(_model.Length / 2)], supportsRanges: false, sendLength: false);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(new DownloadRequest(uri), _directory));

        Assert.IsType<GgufFormatException>(ex.InnerException);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task DownloadAsync_ServerWithoutRanges_RestartsFromZeroAfterADrop()
    {
        var uri = _server.AddFile("/files/model.gguf", _model, supportsRanges: false);
        _server.EnqueueFault(ServerFault.DropAfter(70_000));

        var file = await Downloader().DownloadAsync(new DownloadRequest(uri) { ExpectedSha256 = Digest(_model) }, _directory);

        Assert.Equal(Digest(_model), file.Digest);
        Assert.All(_server.RequestsFor("model.gguf").Skip(1), r => Assert.Null(r.Range));
    }

    [Fact]
    public async Task DownloadAsync_503ThenSuccess_Retries()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);
        _server.EnqueueFault(ServerFault.WithStatus(503));
        _server.EnqueueFault(ServerFault.WithStatus(500));
        _server.EnqueueFault(ServerFault.DropAfter(0));

        var file = await Downloader().DownloadAsync(new DownloadRequest(uri), _directory);

        Assert.Equal(Digest(_model), file.Digest);
        Assert.Equal(4, _server.RequestsFor("model.gguf").Count(r => !r.IsProbe));
    }

    [Fact]
    public async Task DownloadAsync_503BeyondTheRetryLimit_FailsNamingTheStatus()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);
        for (var i = 0; i < 4; i++)
        {
            _server.EnqueueFault(ServerFault.WithStatus(503));
        }

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader(Fast(maxRetries: 3)).DownloadAsync(new DownloadRequest(uri), _directory));

        Assert.Contains("503", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, _server.RequestsFor("model.gguf").Count(r => !r.IsProbe));
    }

    [Fact]
    public async Task DownloadAsync_NotFound_FailsAtOnceWithoutRetrying()
    {
        var uri = new Uri(_server.BaseUri, "files/missing.gguf");

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => Downloader().DownloadAsync(new DownloadRequest(uri), _directory));

        Assert.Contains("404", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.RequestsFor("missing.gguf"));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task DownloadAsync_CancelledWhileTheServerStalls_KeepsThePartialForAResume()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);
        _server.EnqueueFault(ServerFault.StallAfter(64 * 1024));
        using var cancellation = new CancellationTokenSource();
        var progress = new SyncProgress<DownloadProgress>(report =>
        {
            if (report.BytesDone >= 64 * 1024)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Downloader().DownloadAsync(new DownloadRequest(uri), _directory, progress, cancellation.Token));
        var partial = ModelDownloader.GetPartialPath(_directory, uri);
        Assert.True(File.Exists(partial));

        var file = await Downloader().DownloadAsync(new DownloadRequest(uri) { ExpectedSha256 = Digest(_model) }, _directory);

        Assert.Equal(Digest(_model), file.Digest);
        Assert.Equal(64 * 1024, _server.Requests.Last().RangeStart);
    }

    [Fact]
    public async Task DownloadAsync_CancelledWithBytesStillInTheWriteBuffer_WritesThemAndResumesAfterThem()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);
        _server.EnqueueFault(ServerFault.StallAfter(64 * 1024));
        var defaultBuffer = new ModelDownloaderOptions { InitialRetryDelay = TimeSpan.Zero };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        // 64 KiB arrive, far less than the 1 MiB buffer, and the read then waits: only the cancellation ends it.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Downloader(defaultBuffer).DownloadAsync(new DownloadRequest(uri), _directory, cancellationToken: cancellation.Token));

        var file = await Downloader(defaultBuffer).DownloadAsync(new DownloadRequest(uri) { ExpectedSha256 = Digest(_model) }, _directory);
        Assert.Equal(Digest(_model), file.Digest);
        Assert.Equal(64 * 1024, _server.Requests.Last().RangeStart);
    }

    [Fact]
    public void Constructor_TinyWriteBuffer_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelDownloader(_http, new ModelDownloaderOptions { WriteBufferBytes = 16 }));

    [Fact]
    public async Task DownloadAsync_NotEnoughFreeSpace_FailsBeforeDownloading()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);
        var options = new ModelDownloaderOptions { FreeSpaceProbe = _ => 1000 };

        var ex = await Assert.ThrowsAsync<InsufficientDiskSpaceException>(() => new ModelDownloader(_http, options).DownloadAsync(new DownloadRequest(uri), _directory));

        Assert.Equal(_model.Length, ex.Needed);
        Assert.Equal(1000, ex.Available);
        Assert.Empty(Leftovers());
        Assert.All(_server.RequestsFor("model.gguf"), r => Assert.True(r.IsProbe));
    }

    [Fact]
    public async Task DownloadAsync_BearerToken_IsSent()
    {
        var uri = _server.AddFile("/files/model.gguf", _model);

        await Downloader().DownloadAsync(new DownloadRequest(uri) { BearerToken = "hf_secret" }, _directory);

        Assert.All(_server.RequestsFor("model.gguf"), r => Assert.Equal("Bearer hf_secret", r.Authorization));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(10, 30)]
    public void RetryDelay_DoublesFromTheInitialDelayUpToTheCap(int attempt, int expectedSeconds)
    {
        var options = new ModelDownloaderOptions { InitialRetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(30) };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ModelDownloader.RetryDelay(options, attempt));
    }
}
