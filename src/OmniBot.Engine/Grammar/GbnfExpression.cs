namespace OmniBot.Engine.Grammar;

/// <summary>A node of a parsed GBNF rule body.</summary>
public abstract record GbnfExpression;
