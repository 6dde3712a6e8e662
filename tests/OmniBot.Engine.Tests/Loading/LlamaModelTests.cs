using OmniBot.Engine.Loading;
using OmniBot.Models.Gguf;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Loading;

public sealed class LlamaModelTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("omnibot-load-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [InlineData(TestArchitecture.Llama, TestQuantization.F32)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.Q4_K_M)]
    public async Task LoadAsync_TinyModel_ExposesFactsThatMatchTheSpec(TestArchitecture architecture, TestQuantization quantization)
    {
        var spec = TestModelSpec.Tiny(architecture);
        var path = TestModelFiles.GetPath(spec, quantization);

        using var model = await LlamaModel.LoadAsync(path);

        Assert.Equal(Path.GetFullPath(path), model.Path);
        Assert.Equal(spec.VocabSize, model.VocabularySize);
        Assert.Equal(spec.EmbeddingLength, model.EmbeddingLength);
        Assert.Equal(spec.BlockCount, model.LayerCount);
        Assert.Equal(spec.ContextLength, model.TrainedContextLength);
        Assert.Equal(architecture.ToString().ToLowerInvariant(), model.Info.Architecture);
        Assert.Equal(0, model.GpuLayerCount);
        Assert.False(model.Handle.IsInvalid);
    }

    [Fact]
    public async Task LoadAsync_WithProgress_ReportsRisingValuesUpToOne()
    {
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.F32);
        var values = new List<float>();

        using var model = await LlamaModel.LoadAsync(path, new ModelLoadOptions { UseMmap = false }, new SynchronousProgress<float>(values.Add));

        Assert.NotEmpty(values);
        Assert.Equal(1f, values[^1]);
        Assert.Equal(values.Order(), values);
    }

    [Fact]
    public async Task LoadAsync_CancelledDuringLoad_ThrowsOperationCanceledAndLeavesNothingLoaded()
    {
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.F32);
        using var cancellation = new CancellationTokenSource();
        var reports = 0;

        var progress = new SynchronousProgress<float>(_ =>
        {
            reports++;
            cancellation.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            LlamaModel.LoadAsync(path, new ModelLoadOptions { UseMmap = false }, progress, cancellation.Token));
        Assert.Equal(1, reports);
    }

    [Fact]
    public async Task LoadAsync_AlreadyCancelled_ThrowsWithoutLoading()
    {
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.F32);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            LlamaModel.LoadAsync(path, cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task LoadAsync_CorruptFile_ThrowsGgufFormatExceptionBeforeNativeCode()
    {
        var original = await File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.F32));
        var truncated = Path.Combine(_scratch, "truncated.gguf");
        await File.WriteAllBytesAsync(truncated, original[..(original.Length / 2)]);
        var garbage = Path.Combine(_scratch, "garbage.gguf");
        await File.WriteAllBytesAsync(garbage, [.. "GGUF"u8, 3, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]);

        await Assert.ThrowsAsync<GgufFormatException>(() => LlamaModel.LoadAsync(truncated));
        await Assert.ThrowsAsync<GgufFormatException>(() => LlamaModel.LoadAsync(garbage));
    }

    [Fact]
    public async Task LoadAsync_AbsurdContextSize_ThrowsNotEnoughMemoryNamingContextSize()
    {
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.F32);

        var error = await Assert.ThrowsAsync<NotEnoughMemoryException>(() =>
            LlamaModel.LoadAsync(path, new ModelLoadOptions { ContextSize = 1_000_000_000 }));

        Assert.Equal(MemoryKind.SystemRam, error.Memory);
        Assert.Equal(nameof(ModelLoadOptions.ContextSize), error.Setting);
        Assert.Contains(nameof(ModelLoadOptions.ContextSize), error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(path), error.ModelPath);
        Assert.True(error.RequiredBytes > error.AvailableBytes);
    }

    [Fact]
    public async Task LoadAsync_ArchitectureLlamaCppDoesNotKnow_ThrowsModelLoadExceptionWithThePath()
    {
        var bytes = await File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.F32));
        ReplaceOnce(bytes, "general.architecture"u8, "llama"u8, "llamb"u8);
        var path = Path.Combine(_scratch, "unknown-architecture.gguf");
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<ModelLoadException>(() => LlamaModel.LoadAsync(path));

        Assert.Equal(path, error.ModelPath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("llamb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_LoadedModel_MakesTheHandleUnusable()
    {
        var model = await LlamaModel.LoadAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.F16));

        model.Dispose();

        Assert.True(model.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => model.Handle);
    }

    /// <summary>Replaces the string value that follows <paramref name="key"/> in the metadata.</summary>
    private static void ReplaceOnce(byte[] bytes, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ReadOnlySpan<byte> replacement)
    {
        var keyAt = bytes.AsSpan().IndexOf(key);
        Assert.True(keyAt >= 0, "the key should be in the file");
        var valueAt = keyAt + key.Length + bytes.AsSpan(keyAt + key.Length).IndexOf(value);
        replacement.CopyTo(bytes.AsSpan(valueAt));
    }
}
