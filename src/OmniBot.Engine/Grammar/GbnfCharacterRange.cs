namespace OmniBot.Engine.Grammar;

/// <summary>An inclusive range of Unicode code points inside a character class.</summary>
public readonly record struct GbnfCharacterRange(int First, int Last)
{
    public bool Contains(int codePoint) => codePoint >= First && codePoint <= Last;
}
