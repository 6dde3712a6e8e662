namespace OmniBot.Engine.Grammar;

/// <summary>One <c>name ::= body</c> definition, with the 1-based position of its name in the text.</summary>
public sealed record GbnfRule(string Name, GbnfExpression Body, int Line, int Column);
