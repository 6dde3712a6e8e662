namespace OmniBot.Engine.Embeddings;

/// <summary>How <see cref="LlamaEmbeddingGenerator"/> embeds. Immutable.</summary>
public sealed record LlamaEmbeddingGeneratorOptions : EmbeddingContextOptions
{
    /// <summary>
    /// The key in <c>EmbeddingGenerationOptions.AdditionalProperties</c> that turns on truncation for one call
    /// (<c>["truncate"] = true</c>), as <see cref="EmbeddingContextOptions.Truncate"/> does for every call.
    /// </summary>
    public const string TruncatePropertyName = "truncate";

    /// <summary>Overrides the model's pooling; null uses the model's (or, when it names none, last-token for causal models and mean otherwise).</summary>
    public EmbeddingPooling? Pooling { get; init; }

    /// <summary>Scale every vector to unit length (L2), so a dot product is the cosine. Default true.</summary>
    public bool Normalize { get; init; } = true;

    public override void Validate()
    {
        base.Validate();
        if (Pooling == EmbeddingPooling.Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(Pooling), Pooling, $"Rank pooling gives relevance scores, not embeddings; use {nameof(LlamaReranker)} for rerankers.");
        }

        if (Pooling is { } pooling && !Enum.IsDefined(pooling))
        {
            throw new ArgumentOutOfRangeException(nameof(Pooling), Pooling, $"{nameof(Pooling)} must be Mean, Cls or Last, or null for the model's own.");
        }
    }
}
