using LLama.Native;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.TestModels;

public sealed class TestModelFilesTests
{
    public static TheoryData<TestArchitecture, TestQuantization> AllVariants => TestModelVariants.All();

    [Theory]
    [MemberData(nameof(AllVariants))]
    public void GetPath_EachArchitectureAndQuantization_LoadsWithTheSpecifiedShape(TestArchitecture architecture, TestQuantization quantization)
    {
        var spec = TestModelSpec.Tiny(architecture);

        using var model = NativeTestModel.Load(TestModelFiles.GetPath(spec, quantization));

        var handle = model.Handle;
        Assert.Equal(spec.VocabSize, handle.Vocab.Count);
        Assert.Equal(spec.EmbeddingLength, handle.EmbeddingSize);
        Assert.Equal(spec.BlockCount, handle.LayerCount);
        Assert.Equal(spec.HeadCount, handle.HeadCount);
        Assert.Equal(spec.HeadCountKv, handle.KVHeadCount);
        Assert.Equal(spec.ContextLength, handle.ContextSize);
        Assert.Equal(TestModelVariants.ExpectedParameterCount(spec), handle.ParameterCount);
        Assert.Equal(TestModelVariants.ExpectedFileType(quantization), handle.FileType);
        Assert.Equal(architecture == TestArchitecture.Llama ? LLamaVocabType.SentencePiece : LLamaVocabType.BytePairEncoding, handle.Vocab.Type);
        var metadata = model.ReadMetadata();
        Assert.Equal(architecture == TestArchitecture.Llama ? "llama" : "qwen2", metadata["general.architecture"]);
        Assert.Equal(spec.Name, metadata["general.name"]);
        Assert.Equal(ChatMlTemplate.Template, handle.GetTemplate(null, strict: true));
    }

    [Theory]
    [InlineData(TestArchitecture.Llama)]
    [InlineData(TestArchitecture.Qwen2)]
    public void GetPath_TinyF32_IsWellUnderOneMegabyte(TestArchitecture architecture)
    {
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(architecture), TestQuantization.F32);

        Assert.InRange(new FileInfo(path).Length, 1, 800 * 1024);
    }

    [Fact]
    public void GetPath_CalledTwice_ReturnsTheSameCachedFile()
    {
        var spec = TestModelSpec.Tiny(TestArchitecture.Qwen2);

        var first = TestModelFiles.GetPath(spec, TestQuantization.Q8_0);
        var written = File.GetLastWriteTimeUtc(first);
        var second = TestModelFiles.GetPath(spec, TestQuantization.Q8_0);

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second));
        Assert.StartsWith(TestModelFiles.CacheDirectory, first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPath_ManyConcurrentCallersOnAnEmptyCache_AllGetOneCompleteFile()
    {
        using var cache = new TemporaryDirectory();
        var spec = TestModelSpec.Tiny(TestArchitecture.Llama);
        using var start = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() =>
            {
                start.Wait();
                return TestModelFiles.GetPath(spec, TestQuantization.Q4_K_M, cache.Path);
            }))
            .ToArray();
        start.Set();
        var paths = await Task.WhenAll(callers);

        Assert.Single(paths.Distinct());
        using var model = NativeTestModel.Load(paths[0]);
        Assert.Equal(LLamaFtype.MOSTLY_Q4_K_M, model.Handle.FileType);
        Assert.Empty(Directory.GetFiles(cache.Path, "*.tmp"));
        Assert.Equal(2, Directory.GetFiles(cache.Path, "*.gguf").Length);
    }

    [Fact]
    public void GetFileName_AnyFieldOrQuantizationChanges_NamesADifferentFile()
    {
        var spec = TestModelSpec.Tiny(TestArchitecture.Llama);
        var name = TestModelFiles.GetFileName(spec, TestQuantization.F16);

        Assert.Equal(name, TestModelFiles.GetFileName(spec with { }, TestQuantization.F16));
        Assert.NotEqual(name, TestModelFiles.GetFileName(spec, TestQuantization.F32));
        Assert.NotEqual(name, TestModelFiles.GetFileName(spec with { Seed = spec.Seed + 1 }, TestQuantization.F16));
        Assert.NotEqual(name, TestModelFiles.GetFileName(spec with { ContextLength = 8192 }, TestQuantization.F16));
        Assert.NotEqual(name, TestModelFiles.GetFileName(spec with { Architecture = TestArchitecture.Qwen2 }, TestQuantization.F16));
        Assert.EndsWith(".gguf", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestArchitecture.Llama, TestQuantization.F32)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.F16)]
    [InlineData(TestArchitecture.Llama, TestQuantization.Q8_0)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.Q4_K_M)]
    public void Generate_SameSpecTwice_WritesIdenticalBytes(TestArchitecture architecture, TestQuantization quantization)
    {
        using var directory = new TemporaryDirectory();
        var spec = TestModelSpec.Tiny(architecture);
        var first = Path.Combine(directory.Path, "first.gguf");
        var second = Path.Combine(directory.Path, "second.gguf");

        TestModelFiles.Generate(spec, quantization, first);
        TestModelFiles.Generate(spec, quantization, second);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(File.ReadAllBytes(TestModelFiles.GetPath(spec, quantization)), File.ReadAllBytes(first));
    }

    [Fact]
    public void Generate_DifferentSeed_WritesDifferentWeights()
    {
        using var directory = new TemporaryDirectory();
        var spec = TestModelSpec.Tiny(TestArchitecture.Llama);
        var first = Path.Combine(directory.Path, "first.gguf");
        var second = Path.Combine(directory.Path, "second.gguf");

        TestModelFiles.Generate(spec, TestQuantization.F32, first);
        TestModelFiles.Generate(spec with { Seed = spec.Seed + 1 }, TestQuantization.F32, second);

        var firstBytes = File.ReadAllBytes(first);
        var secondBytes = File.ReadAllBytes(second);
        Assert.Equal(firstBytes.Length, secondBytes.Length);
        Assert.NotEqual(firstBytes, secondBytes);
    }

    [Fact]
    public void Generate_CancelledToken_ThrowsAndLeavesNoSource()
    {
        using var directory = new TemporaryDirectory();
        var destination = Path.Combine(directory.Path, "cancelled.gguf");

        Assert.Throws<OperationCanceledException>(() =>
            TestModelFiles.Generate(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.Q8_0, destination, new CancellationToken(canceled: true)));
        Assert.False(File.Exists(destination));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    [Fact]
    public void GetPath_InvalidSpec_ThrowsNamingTheProblem()
    {
        var spec = TestModelSpec.Tiny(TestArchitecture.Llama) with { HeadCount = 3 };

        var error = Assert.Throws<ArgumentException>(() => TestModelFiles.GetPath(spec, TestQuantization.F32));

        Assert.Contains("HeadCount", error.Message, StringComparison.Ordinal);
    }
}
