namespace OmniBot.TestModels;

/// <summary>
/// The weight format of a synthetic model file. F32 and F16 are written directly; Q8_0 and Q4_K_M
/// come from llama.cpp's own quantizer.
/// </summary>
public enum TestQuantization
{
    F32,
    F16,
    Q8_0,
    Q4_K_M,
}
