using System.Text;

namespace OmniBot.TestModels.Weights;

/// <summary>
/// Deterministic pseudo-random weights. Each value is a pure function of (seed, tensor name, index),
/// so tensors stream in any chunking with the same result. Values are multiples of 2^-15 in
/// [-0.04, 0.04] (standard deviation about 0.023): small enough to keep activations finite through
/// many layers, and exactly representable in F16, so F32 and F16 files hold identical weights.
/// </summary>
internal static class SeededWeights
{
    private const int Levels = 2621;
    private const int Center = Levels / 2;
    private const float Step = 1f / 32768f;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static void Fill(int seed, string tensorName, Span<float> destination, long offset)
    {
        var tensorSeed = Mix((ulong)(uint)seed * Golden ^ Fnv1a(tensorName));
        var index = offset;
        var position = 0;
        while (position < destination.Length)
        {
            var bits = Mix(tensorSeed + (ulong)(index >> 2) * Golden);
            for (var lane = (int)(index & 3); lane < 4 && position < destination.Length; lane++, position++, index++)
            {
                var sample = (int)((((bits >> (lane * 16)) & 0xFFFF) * Levels) >> 16);
                destination[position] = (sample - Center) * Step;
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
