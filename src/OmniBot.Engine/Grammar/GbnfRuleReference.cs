namespace OmniBot.Engine.Grammar;

/// <summary>A use of another rule by name.</summary>
public sealed record GbnfRuleReference(string Name) : GbnfExpression;
