namespace OmniBot.Engine.Grammar;

/// <summary>One side of a numeric range: the limit and whether the limit itself is excluded.</summary>
internal readonly record struct NumericBound(decimal Value, bool Exclusive);
