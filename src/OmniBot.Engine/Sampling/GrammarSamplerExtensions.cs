using LLama.Native;

namespace OmniBot.Engine.Sampling;

internal static class GrammarSamplerExtensions
{
    /// <summary>Whether the grammar accepts <paramref name="token"/> next, without changing its state.</summary>
    public static bool Allows(this SafeLLamaSamplerChainHandle grammar, LLamaToken token, LLamaTokenData[] scratch)
    {
        scratch[0] = new LLamaTokenData(token, 1.0f, 0.0f);
        var array = new LLamaTokenDataArray(scratch, false);
        using var pinned = LLamaTokenDataArrayNative.Create(array, out var native);
        grammar.Apply(ref native);
        return !float.IsNegativeInfinity(native.Data[0].Logit);
    }
}
