namespace OmniBot.Models.Gguf;

/// <summary>
/// The context a model would be loaded with, for <see cref="ModelMemoryEstimator"/>.
/// <see cref="ContextSize"/> is llama.cpp's n_ctx: the KV cache cells shared by all sequences,
/// so 4 parallel sequences of 2048 tokens need a context size of 8192.
/// </summary>
public sealed record MemoryEstimateOptions(int ContextSize)
{
    /// <summary>Parallel sequences (llama.cpp's n_seq_max).</summary>
    public int SequenceCount { get; init; } = 1;

    public GgmlType KeyCacheType { get; init; } = GgmlType.F16;

    public GgmlType ValueCacheType { get; init; } = GgmlType.F16;

    /// <summary>The most tokens submitted in one decode call (llama.cpp's n_batch); sizes the output buffer.</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>The most tokens computed at once (llama.cpp's n_ubatch); sizes the compute graph.</summary>
    public int MicroBatchSize { get; init; } = 512;
}
