using OmniBot.Models.Gguf;
using OmniBot.Models.Store;
using OmniBot.TestModels;

namespace OmniBot.Models.Tests.Store;

public sealed class ModelStoreTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("omnibot-store-").FullName;
    private readonly ModelStore _store;
    private readonly string _llama = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0);
    private readonly string _qwen = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.Q8_0);

    public ModelStoreTests() => _store = new ModelStore(Path.Combine(_scratch, "models"));

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string[] Blobs() => Directory.Exists(_store.BlobsDirectory)
        ? Directory.GetFiles(_store.BlobsDirectory, BlobDigest.FilePrefix + "*").Select(path => Path.GetFileName(path)).Order().ToArray()
        : [];

    [Fact]
    public async Task ImportAsync_Gguf_RecordsDigestSizeAndFactsFromTheReader()
    {
        var manifest = await _store.ImportAsync(_llama, ModelRef.Parse("tiny:q8"));

        var info = GgufModelInfo.Read(_llama);
        Assert.Equal(await BlobDigest.ComputeAsync(_llama), manifest.Digest);
        Assert.Equal(new FileInfo(_llama).Length, manifest.Size);
        Assert.Equal("llama", manifest.Facts.Architecture);
        Assert.Equal("Q8_0", manifest.Facts.FileType);
        Assert.Equal(info.ParameterCount, manifest.Facts.ParameterCount);
        Assert.Equal(info.ContextLength, manifest.Facts.ContextLength);
        Assert.True(manifest.Facts.HasChatTemplate);
        Assert.Equal(await File.ReadAllBytesAsync(_llama), await File.ReadAllBytesAsync(_store.GetModelPath(manifest.Ref)));
        var listed = Assert.Single(_store.List());
        Assert.Equal((manifest.Ref, manifest.Digest, manifest.Facts), (listed.Ref, listed.Digest, listed.Facts));
    }

    [Fact]
    public async Task ImportAsync_TwoModelsUnderTwoTags_LiveSideBySide()
    {
        await _store.ImportAsync(_llama, ModelRef.Parse("tiny:llama"));
        await _store.ImportAsync(_qwen, ModelRef.Parse("tiny:qwen"));

        Assert.Equal(["tiny:llama", "tiny:qwen"], _store.List().Select(m => m.Ref.ToString()));
        Assert.Equal("qwen2", _store.Get(ModelRef.Parse("tiny:qwen")).Facts.Architecture);
        Assert.Equal(2, Blobs().Length);
    }

    [Fact]
    public async Task CopyAsync_MakesAnAliasSharingTheBlob()
    {
        var original = await _store.ImportAsync(_llama, ModelRef.Parse("tiny"));

        var alias = await _store.CopyAsync(ModelRef.Parse("tiny"), ModelRef.Parse("favourite:v1"));

        Assert.Equal(original.Digest, alias.Digest);
        Assert.Equal(2, _store.List().Count);
        Assert.Single(Blobs());
    }

    [Fact]
    public async Task RemoveAsync_SharedBlob_IsDeletedOnlyWithTheLastTag()
    {
        var manifest = await _store.ImportAsync(_llama, ModelRef.Parse("tiny"));
        await _store.CopyAsync(manifest.Ref, ModelRef.Parse("alias"));

        var freedFirst = await _store.RemoveAsync(ModelRef.Parse("tiny"));
        Assert.Equal(0, freedFirst);
        Assert.True(File.Exists(_store.GetBlobPath(manifest.Digest)));

        var freedLast = await _store.RemoveAsync(ModelRef.Parse("alias"));
        Assert.Equal(manifest.Size, freedLast);
        Assert.Empty(Blobs());
        Assert.Empty(_store.List());
        Assert.Empty(Directory.GetDirectories(_store.ManifestsDirectory));
    }

    [Fact]
    public async Task RemoveAsync_UnknownName_ThrowsNamingTheFix()
    {
        var ex = await Assert.ThrowsAsync<ModelNotFoundException>(() => _store.RemoveAsync(ModelRef.Parse("ghost:1")));

        Assert.Contains("omnibot list", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_NotAGguf_ThrowsAndStoresNothing()
    {
        var text = Path.Combine(_scratch, "notes.gguf");
        await File.WriteAllTextAsync(text, "not a model at all, just some text long enough to look like something");

        await Assert.ThrowsAsync<GgufFormatException>(() => _store.ImportAsync(text, ModelRef.Parse("notes")));

        Assert.Empty(_store.List());
        Assert.Empty(Directory.GetFiles(_store.BlobsDirectory));
    }

    [Fact]
    public async Task List_CrashLeftovers_AreIgnoredAndSurviveCollection()
    {
        await _store.ImportAsync(_llama, ModelRef.Parse("tiny"));
        var manifests = _store.ManifestsDirectory;
        await File.WriteAllTextAsync(Path.Combine(manifests, "tiny", ".tmp-0123"), "{\"name\":\"tin");
        Directory.CreateDirectory(Path.Combine(manifests, "half"));
        await File.WriteAllTextAsync(Path.Combine(manifests, "half", "latest"), "{\"schemaVersion\":1,\"name\":\"ha");
        Directory.CreateDirectory(Path.Combine(manifests, "Bad Name"));
        await File.WriteAllTextAsync(Path.Combine(manifests, "Bad Name", "latest"), "{}");
        var partial = Path.Combine(_store.BlobsDirectory, "partial-0123456789abcdef");
        await File.WriteAllBytesAsync(partial, new byte[1000]);
        await File.WriteAllBytesAsync(partial + ".json", [(byte)'{']);
        await File.WriteAllBytesAsync(Path.Combine(_store.BlobsDirectory, "import-77.tmp"), new byte[10]);

        Assert.Equal(["tiny:latest"], _store.List().Select(m => m.Ref.ToString()));
        await _store.CollectGarbageAsync();
        Assert.True(File.Exists(partial));
        Assert.Single(Blobs());
        Assert.Throws<ModelNotFoundException>(() => _store.Get(ModelRef.Parse("half")));
    }

    [Fact]
    public async Task CollectGarbageAsync_BlobNoManifestNames_IsDeleted()
    {
        await _store.ImportAsync(_llama, ModelRef.Parse("tiny"));
        var orphan = _store.GetBlobPath(BlobDigest.FromHex(new string('c', 64)));
        await File.WriteAllBytesAsync(orphan, new byte[123]);

        var freed = await _store.CollectGarbageAsync();

        Assert.Equal(123, freed);
        Assert.False(File.Exists(orphan));
        Assert.Single(Blobs());
    }

    [Fact]
    public async Task ImportAsync_SplitModel_StoresEveryPartAndLaysThemOutForLoading()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_scratch, "split")).FullName;
        File.Copy(_llama, Path.Combine(folder, "big-00001-of-00002.gguf"));
        File.Copy(_qwen, Path.Combine(folder, "big-00002-of-00002.gguf"));

        var manifest = await _store.ImportAsync(Path.Combine(folder, "big-00001-of-00002.gguf"), ModelRef.Parse("big"));

        Assert.True(manifest.IsSplit);
        Assert.Equal(new FileInfo(_llama).Length + new FileInfo(_qwen).Length, manifest.Size);
        var path = _store.GetModelPath(manifest.Ref);
        Assert.Equal("big-00001-of-00002.gguf", Path.GetFileName(path));
        Assert.Equal(await File.ReadAllBytesAsync(_qwen), await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(path)!, "big-00002-of-00002.gguf")));

        await _store.RemoveAsync(manifest.Ref);
        Assert.Empty(Blobs());
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public async Task ImportAsync_SplitModelMissingAPart_SaysWhichPart()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_scratch, "split")).FullName;
        File.Copy(_llama, Path.Combine(folder, "big-00001-of-00003.gguf"));

        var ex = await Assert.ThrowsAsync<ModelStoreException>(() => _store.ImportAsync(Path.Combine(folder, "big-00001-of-00003.gguf"), ModelRef.Parse("big")));

        Assert.Contains("big-00002-of-00003.gguf", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_store.List());
    }

    [Fact]
    public async Task ImportAsync_SameFileManyTimesAtOnce_EndsWithOneBlobAndEveryName()
    {
        var imports = Enumerable.Range(0, 6).Select(i => Task.Run(() => _store.ImportAsync(_llama, new ModelRef("tiny", $"t{i}")))).ToArray();

        await Task.WhenAll(imports);

        Assert.Equal(6, _store.List().Count);
        Assert.Single(Blobs());
        Assert.Empty(Directory.GetFiles(_store.BlobsDirectory, "import-*"));
    }
}
