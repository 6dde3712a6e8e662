using LLama.Native;
using OmniBot.Engine.Quantization;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.TestModels;

public sealed class ModelQuantizerTests
{
    [Fact]
    public void Quantize_TinyF16ToQ8_0_WritesAModelLlamaCppLoadsAsQ8_0()
    {
        using var directory = new TemporaryDirectory();
        var destination = Path.Combine(directory.Path, "q8.gguf");
        var source = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.F16);

        ModelQuantizer.Quantize(source, destination, ModelQuantizationType.Q8_0, threads: 1);

        using var model = NativeTestModel.Load(destination);
        Assert.Equal(LLamaFtype.MOSTLY_Q8_0, model.Handle.FileType);
        Assert.True(new FileInfo(destination).Length < new FileInfo(source).Length);
    }

    [Fact]
    public void Quantize_SourceIsNotAModel_ThrowsWithBothPathsAndTheReturnCode()
    {
        using var directory = new TemporaryDirectory();
        var source = Path.Combine(directory.Path, "not-a-model.gguf");
        var destination = Path.Combine(directory.Path, "out.gguf");
        File.WriteAllText(source, "this is not a GGUF file");

        var error = Assert.Throws<ModelQuantizationException>(() =>
            ModelQuantizer.Quantize(source, destination, ModelQuantizationType.Q4_K_M));

        Assert.Equal(source, error.SourcePath);
        Assert.Equal(destination, error.DestinationPath);
        Assert.Equal(ModelQuantizationType.Q4_K_M, error.Type);
        Assert.NotEqual(0u, error.ReturnCode);
        Assert.Contains(source, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_MissingSource_ThrowsFileNotFound()
    {
        using var directory = new TemporaryDirectory();

        Assert.Throws<FileNotFoundException>(() =>
            ModelQuantizer.Quantize(Path.Combine(directory.Path, "missing.gguf"), Path.Combine(directory.Path, "out.gguf"), ModelQuantizationType.Q8_0));
    }

    [Fact]
    public void Quantize_CancelledToken_ThrowsBeforeWritingAnything()
    {
        using var directory = new TemporaryDirectory();
        var destination = Path.Combine(directory.Path, "out.gguf");
        var source = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.F16);

        Assert.Throws<OperationCanceledException>(() =>
            ModelQuantizer.Quantize(source, destination, ModelQuantizationType.Q8_0, cancellationToken: new CancellationToken(canceled: true)));
        Assert.False(File.Exists(destination));
    }
}
