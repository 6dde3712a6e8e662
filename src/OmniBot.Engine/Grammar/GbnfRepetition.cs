namespace OmniBot.Engine.Grammar;

/// <summary>
/// <c>x?</c>, <c>x*</c>, <c>x+</c> or <c>x{m,n}</c>: the item between <see cref="Min"/> and
/// <see cref="Max"/> times; a null <see cref="Max"/> means unbounded.
/// </summary>
public sealed record GbnfRepetition(GbnfExpression Item, int Min, int? Max) : GbnfExpression;
