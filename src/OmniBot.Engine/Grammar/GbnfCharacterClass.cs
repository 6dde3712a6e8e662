namespace OmniBot.Engine.Grammar;

/// <summary><c>[a-z0-9]</c> or <c>[^"\\]</c>: one code point inside (or, negated, outside) the ranges.</summary>
public sealed record GbnfCharacterClass(bool Negated, IReadOnlyList<GbnfCharacterRange> Ranges) : GbnfExpression
{
    public bool Matches(int codePoint)
    {
        var inside = false;
        foreach (var range in Ranges)
        {
            if (range.Contains(codePoint))
            {
                inside = true;
                break;
            }
        }

        return inside != Negated;
    }
}
