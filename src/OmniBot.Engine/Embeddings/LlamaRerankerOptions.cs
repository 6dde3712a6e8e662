namespace OmniBot.Engine.Embeddings;

/// <summary>How <see cref="LlamaReranker"/> scores. Immutable.</summary>
public sealed record LlamaRerankerOptions : EmbeddingContextOptions;
