namespace OmniBot.Engine.Grammar;

/// <summary><c>a | b | c</c>: matches when any option matches.</summary>
public sealed record GbnfAlternatives(IReadOnlyList<GbnfExpression> Options) : GbnfExpression;
