namespace OmniBot.Engine.Grammar;

/// <summary><c>a b c</c>: the items one after another. An empty sequence matches empty text.</summary>
public sealed record GbnfSequence(IReadOnlyList<GbnfExpression> Items) : GbnfExpression;
