namespace OmniBot.Engine.Inference;

/// <summary>The number format of the KV cache.</summary>
public enum KvCacheType
{
    /// <summary>Half the memory of F32; llama.cpp's default.</summary>
    F16,

    /// <summary>
    /// Twice the memory of F16; attention in full precision. With an F32 model, llama.cpp's CPU numbers for a
    /// token decoded alone and inside a verification batch then differ only in the last bits (measured 2e-6 in
    /// the logits against 2e-4 with F16), so speculative greedy text stays the same as plain text.
    /// </summary>
    F32,
}
