namespace OmniBot.Engine.Grammar;

/// <summary><c>.</c>: any single code point.</summary>
public sealed record GbnfAnyCharacter : GbnfExpression;
