namespace OmniBot.Engine.Grammar;

/// <summary><c>"text"</c>: exactly this text (escapes already decoded).</summary>
public sealed record GbnfLiteral(string Value) : GbnfExpression;
