namespace OmniBot.Engine.Reasoning;

/// <summary>Closes a reasoning model's thinking after <see cref="MaxTokens"/> tokens so that it answers.</summary>
public sealed record ThinkingBudget(int MaxTokens, ReasoningFormat Format, bool StartsInside);
