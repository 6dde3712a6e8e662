using OmniBot.Engine.Inference;

namespace OmniBot.Engine.Hosting;

/// <summary>A loaded model as <c>/api/ps</c> and the UI show it.</summary>
/// <param name="ExpiresAt">When it unloads if it stays idle; null while in use or when kept forever.</param>
/// <param name="Counters">The chat scheduler's counters, when the model has served chat or completions.</param>
public sealed record HostedModelStatus(
    string Id,
    string Path,
    long SizeInBytes,
    long EstimatedRamBytes,
    long EstimatedGpuBytes,
    int ContextSize,
    int ActiveRequests,
    DateTimeOffset LoadedAt,
    DateTimeOffset? ExpiresAt,
    SchedulerCounters? Counters);
