namespace OmniBot.TestModels.Bert;

/// <summary>
/// The shape of a synthetic BERT encoder (llama.cpp architecture <c>bert</c>, WordPiece tokenizer). The same spec
/// always produces byte-identical files.
/// </summary>
/// <param name="PoolingType">llama.cpp's <c>bert.pooling_type</c>: 1 mean, 2 CLS, 4 RANK (adds the classifier head).</param>
public sealed record BertTestModelSpec(
    string Name,
    int EmbeddingLength,
    int BlockCount,
    int HeadCount,
    int FeedForwardLength,
    int ContextLength,
    int PoolingType,
    int Seed)
{
    public const int MeanPooling = 1;
    public const int RankPooling = 4;

    /// <summary>A reranker: 64 wide, 2 layers, 128 positions, with the classifier head llama.cpp's RANK pooling reads.</summary>
    public static BertTestModelSpec TinyReranker { get; } = new("tiny-bert-reranker", 64, 2, 4, 128, 128, RankPooling, 42);

    /// <summary>A mean-pooled sentence embedder of the same shape.</summary>
    public static BertTestModelSpec TinyEmbedder { get; } = new("tiny-bert-embedder", 64, 2, 4, 128, 128, MeanPooling, 42);

    public bool IsReranker => PoolingType == RankPooling;

    /// <summary>Throws <see cref="ArgumentException"/> when llama.cpp could not load a model of this shape.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        if (EmbeddingLength <= 0 || BlockCount <= 0 || HeadCount <= 0 || FeedForwardLength <= 0 || ContextLength <= 0)
        {
            throw new ArgumentException($"BERT test model spec '{Name}': every dimension must be positive.");
        }

        if (EmbeddingLength % HeadCount != 0)
        {
            throw new ArgumentException($"BERT test model spec '{Name}': EmbeddingLength {EmbeddingLength} must be a multiple of HeadCount {HeadCount}.");
        }

        if (PoolingType is < 1 or > 4)
        {
            throw new ArgumentException($"BERT test model spec '{Name}': PoolingType {PoolingType} must be 1 (mean), 2 (CLS), 3 (last) or 4 (RANK).");
        }
    }
}
