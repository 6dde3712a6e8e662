using LLama.Native;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Embeddings;

/// <summary>
/// Relevance scores for (query, document) pairs from a reranker model (pooling type RANK, e.g. bge-reranker-v2-m3).
/// Each pair is one sequence and many pairs share a native batch. Thread-safe, like <see cref="LlamaEmbeddingGenerator"/>.
/// </summary>
public sealed class LlamaReranker : IDisposable
{
    private readonly LlamaRerankerOptions _options;
    private readonly EmbeddingTokenizer _tokenizer;
    private readonly EmbeddingWorker _worker;

    /// <summary>Creates the rerank context. The model must outlive the reranker.</summary>
    /// <exception cref="ArgumentException">The model is not a reranker.</exception>
    public LlamaReranker(LlamaModel model, LlamaRerankerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _options = options ?? new LlamaRerankerOptions();
        _options.Validate();
        LlamaRuntime.EnsureInitialized();
        if (model.Info.PoolingType != Models.Gguf.GgufPoolingType.Rank)
        {
            throw new ArgumentException($"'{model.Path}' is not a reranker: its pooling type is {model.Info.PoolingType?.ToString() ?? "unset"}, not RANK. Use a reranker GGUF (e.g. bge-reranker-v2-m3), or {nameof(LlamaEmbeddingGenerator)} for embedding models.", nameof(model));
        }

        var encoderOnly = EmbeddingModelTraits.IsEncoderOnly(model);
        var plan = EmbeddingContextPlan.Create(model.TrainedContextLength, encoderOnly, EmbeddingPooling.Rank, _options);
        _tokenizer = new EmbeddingTokenizer(model.Handle, EmbeddingModelTraits.RerankTemplate(model));
        ModelId = EmbeddingModelTraits.ModelId(model, _options);
        _worker = new EmbeddingWorker(EmbeddingContext.Create(model.Handle, plan, _options.Threads ?? Environment.ProcessorCount), _options.QueueCapacity, ModelId);
    }

    public string ModelId { get; }

    /// <summary>The most tokens one (query, document) pair may have, framing included.</summary>
    public int MaxPairTokens => _worker.Plan.MaxSequenceTokens;

    /// <summary>Scores every document against <paramref name="query"/>; higher means more relevant.</summary>
    /// <exception cref="InputTooLongException">A pair is longer than <see cref="MaxPairTokens"/> and truncation is off.</exception>
    /// <exception cref="Errors.EngineBusyException">Too many calls are waiting.</exception>
    public async Task<RerankResult> RankAsync(string query, IEnumerable<string> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(documents);
        var index = 0;
        LLamaToken[][] pairs = documents.Select(document =>
        {
            ArgumentNullException.ThrowIfNull(document, nameof(documents));
            return index < _options.MaxInputsPerCall
                ? _tokenizer.ForRerank(query, document, index++, MaxPairTokens, _options.Truncate)
                : throw new ArgumentOutOfRangeException(nameof(documents), $"At most {_options.MaxInputsPerCall} documents may be ranked in one call: rank the rest in further calls.");
        }).ToArray();
        if (pairs.Length == 0)
        {
            return new RerankResult([], [], 0);
        }

        var outputs = await _worker.RunAsync((context, token) => context.Evaluate(pairs, 1, token), cancellationToken).ConfigureAwait(false);
        var scores = outputs.Select((output, position) => new RerankScore(position, output[0])).ToArray();
        var ranked = scores.OrderByDescending(score => score.Score).ThenBy(score => score.Index).ToArray();
        return new RerankResult(scores, ranked, pairs.Sum(pair => (long)pair.Length));
    }

    /// <summary>The token ids <see cref="RankAsync"/> evaluates for one pair.</summary>
    public IReadOnlyList<int> TokenizePair(string query, string document)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(document);
        return _tokenizer.ForRerank(query, document, 0, MaxPairTokens, _options.Truncate).Select(token => (int)token).ToArray();
    }

    public void Dispose() => _worker.Dispose();
}
