namespace OmniBot.Models.Gguf;

/// <summary>
/// Non-negative arithmetic that stops at <see cref="long.MaxValue"/>: sizes from absurd but well-formed
/// metadata give an absurd estimate instead of an overflow.
/// </summary>
internal static class SaturatingMath
{
    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    public static long Multiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    public static long Multiply(long a, long b, long c) => Multiply(Multiply(a, b), c);
}
