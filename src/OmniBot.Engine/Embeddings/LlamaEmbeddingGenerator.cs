using LLama.Native;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Embeddings;

/// <summary>
/// Embeddings from a loaded llama.cpp model through its own native context (not the chat scheduler's).
/// A call's inputs are packed into as few native batches as they fit in, one sequence each. Thread-safe:
/// concurrent calls queue for the context, which one dedicated thread evaluates.
/// </summary>
public sealed class LlamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly LlamaModel _model;
    private readonly LlamaEmbeddingGeneratorOptions _options;
    private readonly EmbeddingTokenizer _tokenizer;
    private readonly EmbeddingWorker _worker;

    /// <summary>Creates the embedding context. The model must outlive the generator.</summary>
    /// <exception cref="ArgumentException">The model is a reranker (pooling RANK); use <see cref="LlamaReranker"/>.</exception>
    public LlamaEmbeddingGenerator(LlamaModel model, LlamaEmbeddingGeneratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _options = options ?? new LlamaEmbeddingGeneratorOptions();
        _options.Validate();
        LlamaRuntime.EnsureInitialized();
        _model = model;
        var encoderOnly = EmbeddingModelTraits.IsEncoderOnly(model);
        var pooling = EmbeddingContextPlan.ResolvePooling(_options.Pooling, model.Info.PoolingType, encoderOnly);
        if (pooling == EmbeddingPooling.Rank)
        {
            throw new ArgumentException($"'{model.Path}' is a reranker (pooling type RANK): it scores pairs instead of embedding texts. Use {nameof(LlamaReranker)}, or set {nameof(LlamaEmbeddingGeneratorOptions.Pooling)} to embed with its base model.", nameof(model));
        }

        var plan = EmbeddingContextPlan.Create(model.TrainedContextLength, encoderOnly, pooling, _options);
        _tokenizer = new EmbeddingTokenizer(model.Handle);
        ModelId = EmbeddingModelTraits.ModelId(model, _options);
        Dimensions = model.EmbeddingLength;
        Metadata = new EmbeddingGeneratorMetadata("llama.cpp", null, ModelId, Dimensions);
        _worker = new EmbeddingWorker(EmbeddingContext.Create(model.Handle, plan, _options.Threads ?? Environment.ProcessorCount), _options.QueueCapacity, ModelId);
    }

    public EmbeddingGeneratorMetadata Metadata { get; }

    public string ModelId { get; }

    /// <summary>Length of every vector the model produces.</summary>
    public int Dimensions { get; }

    public EmbeddingPooling Pooling => _worker.Plan.Pooling;

    /// <summary>The most tokens one input may have, its framing ([CLS], [SEP]) included.</summary>
    public int MaxInputTokens => _worker.Plan.MaxSequenceTokens;

    /// <summary>
    /// Embeds <paramref name="values"/> in order. <see cref="EmbeddingGenerationOptions.Dimensions"/> below the
    /// model's keeps that many leading components (then normalizes); AdditionalProperties["truncate"] = true
    /// truncates long inputs for this call.
    /// </summary>
    /// <exception cref="InputTooLongException">An input is longer than <see cref="MaxInputTokens"/> and truncation is off.</exception>
    /// <exception cref="Errors.EngineBusyException">Too many calls are waiting.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var width = ResolveDimensions(options);
        var truncate = _options.Truncate || TruncateRequested(options);
        var sequences = Tokenize(values, truncate);
        if (sequences.Length == 0)
        {
            return new GeneratedEmbeddings<Embedding<float>>() { Usage = new UsageDetails { InputTokenCount = 0, TotalTokenCount = 0 } };
        }

        var vectors = await _worker.RunAsync((context, token) => context.Evaluate(sequences, Dimensions, token), cancellationToken).ConfigureAwait(false);
        var created = DateTimeOffset.UtcNow;
        var modelId = options?.ModelId ?? ModelId;
        var embeddings = vectors.Select(vector => new Embedding<float>(Finish(vector, width)) { ModelId = modelId, CreatedAt = created });
        long tokens = sequences.Sum(sequence => (long)sequence.Length);
        return new GeneratedEmbeddings<Embedding<float>>(embeddings)
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };
    }

    /// <summary>The token ids <see cref="GenerateAsync"/> evaluates for <paramref name="text"/>.</summary>
    public IReadOnlyList<int> Tokenize(string text, bool truncate = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _tokenizer.ForEmbedding(text, 0, MaxInputTokens, truncate || _options.Truncate).Select(token => (int)token).ToArray();
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType == typeof(LlamaModel) ? _model
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => _worker.Dispose();

    private LLamaToken[][] Tokenize(IEnumerable<string> values, bool truncate)
    {
        var index = 0;
        return values.Select(value =>
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            return index < _options.MaxInputsPerCall
                ? _tokenizer.ForEmbedding(value, index++, MaxInputTokens, truncate)
                : throw new ArgumentOutOfRangeException("input", $"At most {_options.MaxInputsPerCall} inputs may be embedded in one call: split the rest into further calls.");
        }).ToArray();
    }

    private int ResolveDimensions(EmbeddingGenerationOptions? options)
    {
        if (options?.Dimensions is not { } requested)
        {
            return Dimensions;
        }

        return requested >= 1 && requested <= Dimensions
            ? requested
            : throw new ArgumentOutOfRangeException(nameof(options), requested, $"{nameof(EmbeddingGenerationOptions.Dimensions)} must be between 1 and this model's {Dimensions}.");
    }

    private static bool TruncateRequested(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties is { } properties
        && properties.TryGetValue(LlamaEmbeddingGeneratorOptions.TruncatePropertyName, out var value)
        && value switch
        {
            bool flag => flag,
            string text => bool.TryParse(text, out var parsed) && parsed,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.True } => true,
            _ => false,
        };

    private float[] Finish(float[] vector, int width)
    {
        var result = width == vector.Length ? vector : vector[..width];
        if (_options.Normalize)
        {
            VectorMath.NormalizeInPlace(result);
        }

        return result;
    }
}
