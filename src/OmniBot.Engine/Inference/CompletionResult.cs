namespace OmniBot.Engine.Inference;

/// <summary>A finished raw completion: the continuation and its statistics.</summary>
public sealed record CompletionResult(string Text, GenerationStats Stats);
