using System.Text;

namespace OmniBot.TestModels.Weights;

/// <summary>
/// Deterministic pseudo-random weights, uniform in [-amplitude, amplitude]. Each value is a pure
/// function of (seed, tensor name, index), so tensors stream in any chunking with the same result.
/// Values lie on a grid of at most 2047 steps of a power of two each side, so they are exactly
/// representable in F16 and F32 and F16 files hold identical weights.
/// </summary>
internal static class SeededWeights
{
    private const int MaxStepsPerSide = 2047;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Standard deviation 1/sqrt(fan-in), the usual initialisation that keeps activations near unit scale.</summary>
    public static float MatrixAmplitude(long fanIn) => MathF.Sqrt(3f / fanIn);

    /// <summary>Small values (standard deviation about 0.023) for token embeddings and biases.</summary>
    public const float SmallAmplitude = 0.04f;

    public static void Fill(int seed, string tensorName, float amplitude, Span<float> destination, long offset)
    {
        // The largest power-of-two step that still gives at most 2047 steps up to the amplitude.
        var step = MathF.Pow(2f, MathF.Ceiling(MathF.Log2(amplitude / MaxStepsPerSide)));
        var stepsPerSide = (int)(amplitude / step);
        var levels = (2 * stepsPerSide) + 1;
        var tensorSeed = Mix(((ulong)(uint)seed * Golden) ^ Fnv1a(tensorName));
        var index = offset;
        var position = 0;
        while (position < destination.Length)
        {
            var bits = Mix(tensorSeed + ((ulong)(index >> 2) * Golden));
            for (var lane = (int)(index & 3); lane < 4 && position < destination.Length; lane++, position++, index++)
            {
                var level = (int)((((bits >> (lane * 16)) & 0xFFFF) * (ulong)levels) >> 16);
                destination[position] = (level - stepsPerSide) * step;
            }
        }
    }

    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var value in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ value) * 0x100000001B3UL;
        }

        return hash;
    }
}
