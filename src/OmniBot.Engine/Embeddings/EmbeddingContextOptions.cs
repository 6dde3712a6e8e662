namespace OmniBot.Engine.Embeddings;

/// <summary>Sizing of the native context that embeds or reranks, shared by both kinds of model.</summary>
public abstract record EmbeddingContextOptions
{
    /// <summary>llama.cpp's upper bound on sequences in one context (LLAMA_MAX_SEQ).</summary>
    public const int MaxSequencesLimit = 256;

    /// <summary>Tokens per native batch, and so the longest input unless the model's training context is shorter. Default 2048.</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>Inputs packed into one native batch, one sequence each. Default 16.</summary>
    public int MaxSequencesPerBatch { get; init; } = 16;

    /// <summary>
    /// Inputs (texts to embed, documents to rank) one call may give; default 2048, OpenAI's limit. Calls are served one
    /// at a time, so without a bound one call could keep every other caller of the model waiting for minutes.
    /// </summary>
    public int MaxInputsPerCall { get; init; } = 2048;

    /// <summary>Cut inputs that are too long down to the longest the model takes instead of refusing them. Default false.</summary>
    public bool Truncate { get; init; }

    /// <summary>Threads for evaluating the model; null means one per logical core.</summary>
    public int? Threads { get; init; }

    /// <summary>Calls that may wait for the context before new ones are refused as busy. Default 64.</summary>
    public int QueueCapacity { get; init; } = 64;

    /// <summary>Reported as the model id of results; null means the model's name.</summary>
    public string? ModelId { get; init; }

    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the parameter name is the option.</exception>
    public virtual void Validate()
    {
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"{nameof(BatchSize)} must be at least 1 token.");
        }

        if (MaxSequencesPerBatch is < 1 or > MaxSequencesLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSequencesPerBatch), MaxSequencesPerBatch, $"{nameof(MaxSequencesPerBatch)} must be between 1 and {MaxSequencesLimit}.");
        }

        if (MaxInputsPerCall < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInputsPerCall), MaxInputsPerCall, $"{nameof(MaxInputsPerCall)} must be at least 1.");
        }

        if (Threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, $"{nameof(Threads)} must be at least 1, or null for one per logical core.");
        }

        if (QueueCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, $"{nameof(QueueCapacity)} must be at least 1.");
        }
    }
}
