using OmniBot.Models.Downloads;
using OmniBot.Models.Store;
using OmniBot.TestModels;

namespace OmniBot.Models.Tests.Downloads;

public sealed class ModelPullerTests : IAsyncLifetime
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("omnibot-pull-").FullName;
    private readonly HttpClient _http = new();
    private readonly byte[] _q8 = TestGgufBytes.Llama(TestQuantization.Q8_0);
    private readonly byte[] _q4 = TestGgufBytes.Llama(TestQuantization.Q4_K_M);
    private readonly byte[] _f16 = TestGgufBytes.Llama(TestQuantization.F16);
    private readonly byte[] _qwen = TestGgufBytes.Qwen(TestQuantization.Q8_0);
    private LoopbackModelServer _server = null!;
    private ModelStore _store = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackModelServer.StartAsync();
        _store = new ModelStore(Path.Combine(_scratch, "models"));
        _server.AddRepository("acme", "Tiny-GGUF", [("tiny-Q4_K_M.gguf", _q4), ("tiny-Q8_0.gguf", _q8), ("sub/tiny-F16.gguf", _f16)]);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    private ModelPuller Puller(string? token = null, ModelDownloaderOptions? options = null) => new(
        _store,
        new ModelDownloader(_http, options ?? new ModelDownloaderOptions { InitialRetryDelay = TimeSpan.Zero }),
        new ModelSourceResolver(_http, new HuggingFaceOptions { Endpoint = _server.BaseUri, Token = token }));

    private static string Digest(byte[] bytes) => BlobDigest.FromHex(LoopbackModelServer.Sha256Hex(bytes));

    private string[] Partials() => Directory.GetFiles(_store.BlobsDirectory, "partial-*");

    [Fact]
    public async Task PullAsync_HuggingFaceQuantization_PicksThatFileCaseInsensitively()
    {
        var manifest = await Puller().PullAsync("hf:acme/Tiny-GGUF:q8_0");

        Assert.Equal("tiny:q8_0", manifest.Ref.ToString());
        Assert.Equal(Digest(_q8), manifest.Digest);
        Assert.Equal("Q8_0", manifest.Facts.FileType);
        Assert.Equal("hf:acme/Tiny-GGUF:q8_0", manifest.Source);
        Assert.Equal(_q8, await File.ReadAllBytesAsync(_store.GetModelPath(manifest.Ref)));
        Assert.Single(_server.RequestsFor("tree/main"));
        Assert.NotEmpty(_server.RequestsFor("/acme/Tiny-GGUF/resolve/main/tiny-Q8_0.gguf"));
        Assert.Empty(Partials());
    }

    [Fact]
    public async Task PullAsync_HuggingFaceFileAtRevision_UsesThatRevisionAndName()
    {
        _server.AddRepository("acme", "Tiny-GGUF", [("sub/tiny-F16.gguf", _f16)], revision: "v2");

        var manifest = await Puller().PullAsync("hf:acme/Tiny-GGUF/sub/tiny-F16.gguf@v2", ModelRef.Parse("mine:f16"));

        Assert.Equal("mine:f16", manifest.Ref.ToString());
        Assert.Equal(Digest(_f16), manifest.Digest);
        Assert.NotEmpty(_server.RequestsFor("/acme/Tiny-GGUF/resolve/v2/sub/tiny-F16.gguf"));
    }

    [Fact]
    public async Task PullAsync_Token_IsSentToTheApiAndTheDownload()
    {
        await Puller(token: "hf_abc").PullAsync("hf:acme/Tiny-GGUF:Q4_K_M");

        var requests = _server.Requests.ToArray();
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.Equal("Bearer hf_abc", r.Authorization));
    }

    [Fact]
    public async Task PullAsync_NoToken_SendsNoAuthorization()
    {
        await Puller().PullAsync("hf:acme/Tiny-GGUF:Q4_K_M");

        Assert.All(_server.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task PullAsync_QuantizationNotInTheRepository_ListsWhatIsThere()
    {
        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => Puller().PullAsync("hf:acme/Tiny-GGUF:IQ2_XS"));

        Assert.Contains("tiny-Q4_K_M.gguf", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_store.List());
    }

    [Fact]
    public async Task PullAsync_AmbiguousQuantization_AsksForAFileName()
    {
        _server.AddRepository("acme", "Two-GGUF", [("a-Q8_0.gguf", _q8), ("b-Q8_0.gguf", _qwen)]);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => Puller().PullAsync("hf:acme/Two-GGUF:Q8_0"));

        Assert.Contains("hf:acme/Two-GGUF/FILE.gguf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_SplitModel_FetchesEveryPartAsOneModel()
    {
        _server.AddRepository("acme", "Big-GGUF", [("big-Q8_0-00001-of-00002.gguf", _q8), ("big-Q8_0-00002-of-00002.gguf", _qwen), ("big-Q4_K_M.gguf", _q4)]);

        var manifest = await Puller().PullAsync("hf:acme/Big-GGUF:Q8_0");

        Assert.Equal([Digest(_q8), Digest(_qwen)], manifest.Parts.Select(p => p.Digest));
        Assert.Equal(_q8.Length + _qwen.Length, manifest.Size);
        var path = _store.GetModelPath(manifest.Ref);
        Assert.Equal("big-Q8_0-00001-of-00002.gguf", Path.GetFileName(path));
        Assert.Equal(_qwen, await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(path)!, "big-Q8_0-00002-of-00002.gguf")));
    }

    [Fact]
    public async Task PullAsync_SplitPartNamedByFile_FetchesTheWholeSet()
    {
        _server.AddRepository("acme", "Big-GGUF", [("big-00001-of-00002.gguf", _q8), ("big-00002-of-00002.gguf", _qwen)]);

        var manifest = await Puller().PullAsync("hf:acme/Big-GGUF/big-00002-of-00002.gguf");

        Assert.Equal(2, manifest.Parts.Count);
        Assert.Equal(Digest(_q8), manifest.Digest);
    }

    [Fact]
    public async Task PullAsync_PublishedDigestWrong_RejectsAndListsNothing()
    {
        _server.AddRepository("acme", "Bad-GGUF", [("bad-Q8_0.gguf", _q8)], publishedSha256: (_, _) => new string('d', 64));

        await Assert.ThrowsAsync<DigestMismatchException>(() => Puller().PullAsync("hf:acme/Bad-GGUF:Q8_0"));

        Assert.Empty(_store.List());
        Assert.Empty(Partials());
        Assert.Empty(Directory.GetFiles(_store.BlobsDirectory, "sha256-*"));
    }

    [Fact]
    public async Task PullAsync_TwoPullsOfTheSameModelAtOnce_DownloadOnce()
    {
        var first = Task.Run(() => Puller().PullAsync("hf:acme/Tiny-GGUF:Q8_0"));
        var second = Task.Run(() => Puller().PullAsync("hf:acme/Tiny-GGUF:Q8_0", ModelRef.Parse("other:name")));

        var manifests = await Task.WhenAll(first, second);

        Assert.Equal(manifests[0].Digest, manifests[1].Digest);
        Assert.Equal(2, _store.List().Count);
        var downloads = _server.RequestsFor("tiny-Q8_0.gguf");
        Assert.Single(downloads, r => r.IsProbe);
        Assert.Single(downloads, r => !r.IsProbe);
    }

    [Fact]
    public async Task PullAsync_UrlWithoutDigest_SecondPullReusesTheBlob()
    {
        var uri = _server.AddFile("/files/My-Model.Q8_0.gguf", _q8);

        var manifest = await Puller().PullAsync(uri.AbsoluteUri);
        var again = await Puller().PullAsync(uri.AbsoluteUri, ModelRef.Parse("again"));

        Assert.Equal("my-model.q8_0:latest", manifest.Ref.ToString());
        Assert.Equal(manifest.Digest, again.Digest);
        Assert.Single(_server.RequestsFor("My-Model.Q8_0.gguf"), r => !r.IsProbe);
    }

    [Fact]
    public async Task PullAsync_UrlWithWrongSha256Option_IsRejected()
    {
        var uri = _server.AddFile("/files/model.gguf", _q8);

        await Assert.ThrowsAsync<DigestMismatchException>(() => Puller().PullAsync(uri.AbsoluteUri, expectedSha256: new string('e', 64)));

        Assert.Empty(_store.List());
    }

    [Fact]
    public async Task PullAsync_DiskTooSmall_FailsClearlyAndListsNothing()
    {
        var ex = await Assert.ThrowsAsync<InsufficientDiskSpaceException>(
            () => Puller(options: new ModelDownloaderOptions { FreeSpaceProbe = _ => 10 }).PullAsync("hf:acme/Tiny-GGUF:Q8_0"));

        Assert.Contains("Free some space", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_store.List());
    }

    [Fact]
    public async Task PullAsync_DiskFillsUpMidDownload_SaysSoNamingTheFolderKeepsThePartialAndListsNothing()
    {
        var uri = _server.AddFile("/files/model.gguf", _q8);
        var capacity = _q8.Length / 2;
        var written = 0L;
        var fullDisk = new ModelDownloaderOptions
        {
            InitialRetryDelay = TimeSpan.Zero,
            CheckpointBytes = 16 * 1024,
            WriteBufferBytes = 16 * 1024,
            WriteAt = async (handle, data, offset, cancellationToken) =>
            {
                if (offset + data.Length > capacity)
                {
                    // What the OS reports for ENOSPC: errno 28 on Linux and macOS, ERROR_DISK_FULL on Windows.
                    throw new IOException("No space left on device", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28);
                }

                await RandomAccess.WriteAsync(handle, data, offset, cancellationToken);
                Interlocked.Add(ref written, data.Length);
            },
        };

        var ex = await Assert.ThrowsAsync<InsufficientDiskSpaceException>(() => Puller(options: fullDisk).PullAsync(uri.AbsoluteUri));

        Assert.InRange(written, 1, capacity);
        Assert.Contains("disk filled up", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_store.BlobsDirectory, ex.Message, StringComparison.Ordinal);
        Assert.Empty(_store.List());
        Assert.Empty(Directory.GetFiles(_store.BlobsDirectory, BlobDigest.FilePrefix + "*"));

        // The partial is kept, so the pull resumes once space is freed.
        Assert.True(File.Exists(ModelDownloader.GetPartialPath(_store.BlobsDirectory, uri)));
        var manifest = await Puller().PullAsync(uri.AbsoluteUri);
        Assert.Equal(Digest(_q8), manifest.Digest);
        Assert.InRange(_server.RequestsFor("/files/model.gguf").Last().RangeStart!.Value, 1, capacity);
    }

    [Fact]
    public async Task PullAsync_CatalogName_ResolvesThroughTheCatalog()
    {
        var qwen = TestGgufBytes.Qwen(TestQuantization.Q4_K_M);
        _server.AddRepository("Qwen", "Qwen2.5-0.5B-Instruct-GGUF", [("qwen2.5-0.5b-instruct-q4_k_m.gguf", qwen), ("qwen2.5-0.5b-instruct-q8_0.gguf", _q8)]);

        var manifest = await Puller().PullAsync("qwen2.5:0.5b");

        Assert.Equal("qwen2.5:0.5b", manifest.Ref.ToString());
        Assert.Equal(Digest(qwen), manifest.Digest);
        Assert.Equal("hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M", manifest.Source);
    }

    [Fact]
    public async Task PullAsync_LocalFile_IsImported()
    {
        var path = Path.Combine(_scratch, "Local-Model.gguf");
        await File.WriteAllBytesAsync(path, _q8);

        var manifest = await Puller().PullAsync(path);

        Assert.Equal("local-model:latest", manifest.Ref.ToString());
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task PullAsync_UnknownName_SaysWhatSourcesAndNamesWork()
    {
        var ex = await Assert.ThrowsAsync<ModelStoreException>(() => Puller().PullAsync("no-such-model:7b"));

        Assert.Contains("qwen2.5:0.5b", ex.Message, StringComparison.Ordinal);
        Assert.Contains("hf:OWNER/REPO:QUANT", ex.Message, StringComparison.Ordinal);
    }
}
