using LLama.Native;
using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Quantization;

/// <summary>Quantizes GGUF models with llama.cpp's own quantizer (what <c>llama-quantize</c> does).</summary>
public static class ModelQuantizer
{
    /// <summary>
    /// Writes <paramref name="destinationPath"/> as <paramref name="type"/> from the F32/F16/BF16 model at
    /// <paramref name="sourcePath"/>. Blocks until done; tensors whose rows do not fit the format's block
    /// size get llama.cpp's fallback type. Cancellation is honoured before the native call starts.
    /// </summary>
    /// <param name="threads">Quantization threads; 0 lets llama.cpp use every core.</param>
    public static void Quantize(
        string sourcePath,
        string destinationPath,
        ModelQuantizationType type,
        int threads = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (!File.Exists(sourcePath))
        {
            throw new FileNotFoundException($"The model to quantize was not found at '{sourcePath}'.", sourcePath);
        }

        var fileType = ToFileType(type);
        cancellationToken.ThrowIfCancellationRequested();
        LlamaRuntime.EnsureInitialized();
        var parameters = LLamaModelQuantizeParams.Default();
        parameters.ftype = fileType;
        parameters.nthread = threads;
        var returnCode = NativeApi.llama_model_quantize(sourcePath, destinationPath, ref parameters);
        if (returnCode != 0)
        {
            throw new ModelQuantizationException(sourcePath, destinationPath, type, returnCode);
        }
    }

    private static LLamaFtype ToFileType(ModelQuantizationType type) => type switch
    {
        ModelQuantizationType.F16 => LLamaFtype.MOSTLY_F16,
        ModelQuantizationType.Q8_0 => LLamaFtype.MOSTLY_Q8_0,
        ModelQuantizationType.Q6_K => LLamaFtype.MOSTLY_Q6_K,
        ModelQuantizationType.Q5_K_M => LLamaFtype.MOSTLY_Q5_K_M,
        ModelQuantizationType.Q4_K_M => LLamaFtype.MOSTLY_Q4_K_M,
        ModelQuantizationType.Q4_0 => LLamaFtype.MOSTLY_Q4_0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown quantization type."),
    };
}
