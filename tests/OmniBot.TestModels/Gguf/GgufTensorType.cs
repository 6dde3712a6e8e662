namespace OmniBot.TestModels.Gguf;

/// <summary>
/// The ggml tensor types the writer can encode, with their ggml codes. Quantized types come from
/// llama.cpp's own quantizer, never from this writer.
/// </summary>
public enum GgufTensorType : uint
{
    F32 = 0,
    F16 = 1,
}
