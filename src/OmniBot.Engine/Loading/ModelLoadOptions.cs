namespace OmniBot.Engine.Loading;

/// <summary>How a model is loaded. Immutable; <see cref="Validate"/> names the option that is wrong.</summary>
public sealed record ModelLoadOptions
{
    public const int DefaultContextSize = 4096;

    /// <summary>Tokens of context the model will be used with; sizes the KV cache in the memory check. Default 4096.</summary>
    public int ContextSize { get; init; } = DefaultContextSize;

    /// <summary>Layers to offload to the GPU. Default <see cref="GpuLayers.Auto"/>.</summary>
    public GpuLayers GpuLayers { get; init; } = GpuLayers.Auto;

    /// <summary>Memory-map the file instead of reading it into allocated memory. Default true.</summary>
    public bool UseMmap { get; init; } = true;

    /// <summary>Lock the weights in RAM so the OS never swaps them out. Default false.</summary>
    public bool UseMlock { get; init; }

    /// <summary>Threads for evaluating the model; null means one per logical core.</summary>
    public int? Threads { get; init; }

    /// <summary>Threads to use: <see cref="Threads"/> or the logical core count.</summary>
    public int EffectiveThreads => Threads ?? Environment.ProcessorCount;

    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the parameter name is the option.</exception>
    public void Validate()
    {
        if (ContextSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ContextSize), ContextSize, $"{nameof(ContextSize)} must be at least 1 token.");
        }

        if (Threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, $"{nameof(Threads)} must be at least 1, or null for one per logical core.");
        }
    }
}
