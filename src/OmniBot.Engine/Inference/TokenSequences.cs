namespace OmniBot.Engine.Inference;

internal static class TokenSequences
{
    /// <summary>How many leading items two token sequences share.</summary>
    public static int CommonPrefixLength<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
        where T : IEquatable<T>
    {
        var max = Math.Min(a.Count, b.Count);
        var length = 0;
        while (length < max && a[length].Equals(b[length]))
        {
            length++;
        }

        return length;
    }
}
