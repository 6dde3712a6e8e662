using OmniBot.Engine.Chat;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;

namespace OmniBot.Engine.Hosting;

/// <summary>How a <see cref="ModelHost"/> loads, shares and unloads models.</summary>
public sealed record ModelHostOptions
{
    /// <summary>Ollama's default: a model stays loaded five minutes after its last request.</summary>
    public static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromMinutes(5);

    /// <summary>How long an idle model stays loaded; <see cref="TimeSpan.Zero"/> unloads at once, a negative value never.</summary>
    public TimeSpan KeepAlive { get; init; } = DefaultKeepAlive;

    /// <summary>Models loaded at once; a request for another waits until one is idle and unloads it.</summary>
    public int MaxLoadedModels { get; init; } = 2;

    /// <summary>
    /// How long a request for a model that is not loaded waits for a loaded one to go idle (or for another load to
    /// finish) before it is refused as busy; without a bound, long generations on every loaded model would hold
    /// such requests forever.
    /// </summary>
    public TimeSpan RoomWaitTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How each model is loaded (threads, GPU layers, mmap). The context size comes from <see cref="Scheduler"/>.</summary>
    public ModelLoadOptions Load { get; init; } = new();

    /// <summary>Slots, context per slot, queue capacity and prompt cache of each chat model's scheduler.</summary>
    public SchedulerOptions Scheduler { get; init; } = new();

    /// <summary>Defaults for every chat client (sampling, speculation, thinking budget).</summary>
    public LlamaChatClientOptions Chat { get; init; } = new();

    /// <summary>A small model of the same family used as the draft for speculative decoding of every chat model.</summary>
    public string? DraftModelPath { get; init; }

    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the parameter name is the option.</exception>
    public void Validate()
    {
        if (MaxLoadedModels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLoadedModels), MaxLoadedModels, $"{nameof(MaxLoadedModels)} must be at least 1.");
        }

        if (RoomWaitTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RoomWaitTimeout), RoomWaitTimeout, $"{nameof(RoomWaitTimeout)} must be positive.");
        }

        Load.Validate();
        Scheduler.Validate();
    }
}
