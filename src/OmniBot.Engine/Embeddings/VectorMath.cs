namespace OmniBot.Engine.Embeddings;

/// <summary>Vector arithmetic on embeddings, in double precision so rounding does not depend on the length.</summary>
public static class VectorMath
{
    /// <summary>Scales <paramref name="vector"/> to unit L2 length; a zero vector stays zero.</summary>
    public static void NormalizeInPlace(Span<float> vector)
    {
        double sum = 0;
        foreach (var value in vector)
        {
            sum += (double)value * value;
        }

        if (sum <= 0)
        {
            return;
        }

        var scale = 1 / Math.Sqrt(sum);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] * scale);
        }
    }

    /// <summary>The cosine of the angle between two vectors of the same length (0 when either is zero).</summary>
    public static double Cosine(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        if (left.Length != right.Length)
        {
            throw new ArgumentException($"The vectors differ in length ({left.Length} and {right.Length}).", nameof(right));
        }

        double dot = 0, leftSum = 0, rightSum = 0;
        for (var i = 0; i < left.Length; i++)
        {
            dot += (double)left[i] * right[i];
            leftSum += (double)left[i] * left[i];
            rightSum += (double)right[i] * right[i];
        }

        return leftSum <= 0 || rightSum <= 0 ? 0 : dot / Math.Sqrt(leftSum * rightSum);
    }
}
