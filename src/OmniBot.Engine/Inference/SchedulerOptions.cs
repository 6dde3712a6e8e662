namespace OmniBot.Engine.Inference;

/// <summary>How one model's scheduler divides its native context.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Sequences decoded together; each has its own part of the KV cache.</summary>
    public int Slots { get; init; } = 4;

    /// <summary>Context size of each slot in tokens; null uses the model's training context, capped at 4096.</summary>
    public int? ContextSize { get; init; }

    /// <summary>Most tokens submitted to one decode call; long prompts are split into chunks of this size.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Requests that may wait for a free slot before new ones are refused as busy.</summary>
    public int QueueCapacity { get; init; } = 64;

    /// <summary>
    /// Flash attention. Off by default: on the CPU it makes a sequence's numbers depend on how many of its
    /// tokens share a batch, so cached, chunked and speculative paths would no longer match token for token.
    /// </summary>
    public bool FlashAttention { get; init; }

    /// <summary>The KV cache's number format (llama.cpp's <c>--cache-type-k/-v</c>).</summary>
    public KvCacheType KvCacheType { get; init; } = KvCacheType.F16;

    /// <summary>Where KV caches of long prompts are kept across runs (e.g. ~/.omnibot/cache); null keeps none.</summary>
    public string? PromptCacheDirectory { get; init; }

    /// <summary>Size cap of <see cref="PromptCacheDirectory"/>; least recently used entries are removed first.</summary>
    public long PromptCacheMaxBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Prompts shorter than this are not worth a disk round trip.</summary>
    public int PromptCacheMinTokens { get; init; } = 512;

    /// <summary>CPU threads for decoding; null uses the number of cores.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// The longest a request's grammar may take to constrain one token before the request is stopped with
    /// <see cref="Sampling.GrammarTooCostlyException"/>: the decode thread is shared, so one costly grammar would stall
    /// every other request. Default 500 ms; ordinary JSON schemas take well under a millisecond.
    /// </summary>
    public TimeSpan GrammarStepTimeLimit { get; init; } = TimeSpan.FromMilliseconds(500);

    public void Validate()
    {
        Require(GrammarStepTimeLimit > TimeSpan.Zero, nameof(GrammarStepTimeLimit), "must be positive");
        Require(Slots is >= 1 and <= 64, nameof(Slots), "must be between 1 and 64");
        Require(ContextSize is null or >= 16, nameof(ContextSize), "must be at least 16 tokens");
        Require(BatchSize is >= 1 and <= 65536, nameof(BatchSize), "must be between 1 and 65536");
        Require(QueueCapacity >= 1, nameof(QueueCapacity), "must be at least 1");
        Require(Threads is null or >= 1, nameof(Threads), "must be at least 1");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, $"Scheduler option {name} {rule}.");
        }
    }
}
