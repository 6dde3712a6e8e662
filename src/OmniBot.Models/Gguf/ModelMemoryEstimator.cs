using System.Globalization;

namespace OmniBot.Models.Gguf;

/// <summary>
/// Estimates the memory a model needs in llama.cpp before loading it: weights, KV cache and compute
/// buffers, and how it splits by layer for GPU offload.
/// </summary>
public static class ModelMemoryEstimator
{
    // llama.cpp rounds the KV cache up to a multiple of 256 cells.
    private const int KvCellPadding = 256;

    private const int FloatBytes = 4;

    // Encoder-only architectures: llama.cpp gives them no KV cache, each batch is attended to in full.
    private static readonly HashSet<string> EncoderOnlyArchitectures = new(StringComparer.Ordinal)
    {
        "bert", "nomic-bert", "nomic-bert-moe", "neo-bert", "jina-bert-v2", "jina-bert-v3", "modern-bert", "t5encoder",
    };

    /// <summary>Estimates for <paramref name="contextSize"/> KV cells (shared by all sequences) with both caches in <paramref name="kvCacheType"/>.</summary>
    public static MemoryEstimate Estimate(GgufModelInfo model, int contextSize, int sequenceCount = 1, GgmlType kvCacheType = GgmlType.F16) =>
        Estimate(model, new MemoryEstimateOptions(contextSize) { SequenceCount = sequenceCount, KeyCacheType = kvCacheType, ValueCacheType = kvCacheType });

    public static MemoryEstimate Estimate(GgufModelInfo model, MemoryEstimateOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ContextSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SequenceCount, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.SequenceCount, options.ContextSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MicroBatchSize, 1, nameof(options));
        var keyType = GetCacheType(options.KeyCacheType);
        var valueType = GetCacheType(options.ValueCacheType);

        var layerBytes = new long[LayerCount(model)];
        var nonLayerBytes = 0L;
        foreach (var tensor in model.File.Tensors)
        {
            if (TryGetLayer(tensor.Name, out var layer) && layer < layerBytes.Length)
            {
                layerBytes[layer] += tensor.ByteSize;
            }
            else
            {
                nonLayerBytes += tensor.ByteSize;
            }
        }

        var encoderOnly = EncoderOnlyArchitectures.Contains(model.Architecture);
        var kvCells = encoderOnly ? 0 : (long)Math.Ceiling(options.ContextSize / (double)KvCellPadding) * KvCellPadding;
        var kvCacheBytes = 0L;
        for (var layer = 0; layer < layerBytes.Length; layer++)
        {
            var kvHeads = model.HeadCountKvByLayer is { } heads && layer < heads.Count ? heads[layer] : model.HeadCountKv ?? 0;
            var keyBytes = SaturatingMath.Multiply(RowBytes(keyType, SaturatingMath.Multiply(model.KeyLength ?? 0, kvHeads)), kvCells);
            var valueBytes = SaturatingMath.Multiply(RowBytes(valueType, SaturatingMath.Multiply(model.ValueLength ?? 0, kvHeads)), kvCells);
            var layerKvBytes = SaturatingMath.Add(keyBytes, valueBytes);
            kvCacheBytes = SaturatingMath.Add(kvCacheBytes, layerKvBytes);
            layerBytes[layer] = SaturatingMath.Add(layerBytes[layer], layerKvBytes);
        }

        var batch = Math.Min(options.BatchSize, options.ContextSize);
        var microBatch = Math.Min(options.MicroBatchSize, batch);
        var producesEmbeddings = encoderOnly || model.PoolingType is { } pooling && pooling != GgufPoolingType.None;
        var graphBytes = GraphBytes(model, microBatch, encoderOnly ? microBatch : kvCells, producesEmbeddings);

        // llama.cpp can be asked for an output (logits, or an embedding) for every token of a batch.
        var outputWidth = producesEmbeddings ? model.EmbeddingLength ?? 0 : model.VocabSize ?? 0;
        var outputBytes = SaturatingMath.Multiply(FloatBytes, outputWidth, Math.Max(batch, options.SequenceCount));

        var weightBytes = model.File.Tensors.Aggregate(0L, (sum, tensor) => SaturatingMath.Add(sum, tensor.ByteSize));
        return new MemoryEstimate(options, weightBytes, kvCacheBytes, graphBytes, outputBytes, layerBytes, nonLayerBytes);
    }

    /// <summary>
    /// The peak of llama.cpp's compute graph for one micro-batch, without flash attention: the hidden state,
    /// attention projections and the two feed-forward activations, plus the larger of the attention score
    /// matrix (micro-batch × attended cells × heads) and the logits of the micro-batch.
    /// </summary>
    private static long GraphBytes(GgufModelInfo model, long microBatch, long attendedCells, bool producesEmbeddings)
    {
        var embedding = model.EmbeddingLength ?? 0;
        var feedForward = model.FeedForwardLength ?? 0;
        var activations = SaturatingMath.Add(SaturatingMath.Multiply(4, embedding), SaturatingMath.Multiply(2, feedForward));
        var attentionScores = SaturatingMath.Multiply(attendedCells, model.HeadCount ?? 0);
        var logits = producesEmbeddings ? 0 : model.VocabSize ?? 0;
        var perToken = SaturatingMath.Add(activations, Math.Max(attentionScores, logits));
        return SaturatingMath.Multiply(FloatBytes, microBatch, perToken);
    }

    private static int LayerCount(GgufModelInfo model)
    {
        if (model.BlockCount is { } blockCount)
        {
            return blockCount;
        }

        var highest = -1;
        foreach (var tensor in model.File.Tensors)
        {
            if (TryGetLayer(tensor.Name, out var layer) && layer < GgufKnownKeysValidator.MaxLayers)
            {
                highest = Math.Max(highest, layer);
            }
        }

        return highest + 1;
    }

    private static bool TryGetLayer(string tensorName, out int layer)
    {
        layer = -1;
        if (!tensorName.StartsWith("blk.", StringComparison.Ordinal))
        {
            return false;
        }

        var end = tensorName.IndexOf('.', 4);
        return end > 4 && int.TryParse(tensorName.AsSpan(4, end - 4), NumberStyles.None, CultureInfo.InvariantCulture, out layer);
    }

    private static long RowBytes(GgmlTypeInfo type, long elements) =>
        SaturatingMath.Multiply((elements / type.BlockSize) + (elements % type.BlockSize == 0 ? 0 : 1), type.TypeSize);

    private static GgmlTypeInfo GetCacheType(GgmlType type) =>
        GgmlTypeInfo.TryGet(type, out var info)
            ? info
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a ggml type this build of llama.cpp knows; use F16, Q8_0, Q4_0 or another known type.");
}
