using System.Diagnostics.CodeAnalysis;

namespace OmniBot.Engine.Quantization;

/// <summary>The target formats of <see cref="ModelQuantizer"/>, named as llama.cpp names its file types.</summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "llama.cpp's quantization names, as users know them.")]
public enum ModelQuantizationType
{
    F16,
    Q8_0,
    Q6_K,
    Q5_K_M,
    Q4_K_M,
    Q4_0,
}
