using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace OmniBot.Server.Management;

/// <summary>
/// Counters that outlive any one loaded model, for <c>/metrics</c>: requests per API and status class, and the
/// tokens of every finished generation. Thread-safe; endpoints record, the metrics page reads.
/// </summary>
public sealed class ServerMetrics
{
    private readonly ConcurrentDictionary<(string Api, int Status), long> _requests = new();
    private long _promptTokens;
    private long _cachedPromptTokens;
    private long _completionTokens;
    private long _generations;
    private long _prefixCacheHits;
    private long _generationTicks;

    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    public long CachedPromptTokens => Interlocked.Read(ref _cachedPromptTokens);

    public long CompletionTokens => Interlocked.Read(ref _completionTokens);

    public long Generations => Interlocked.Read(ref _generations);

    /// <summary>Generations whose prompt began with tokens already in a cache (memory or disk).</summary>
    public long PrefixCacheHits => Interlocked.Read(ref _prefixCacheHits);

    /// <summary>Time spent generating, over all generations.</summary>
    public TimeSpan GenerationTime => TimeSpan.FromTicks(Interlocked.Read(ref _generationTicks));

    public IReadOnlyDictionary<(string Api, int Status), long> Requests => _requests;

    public void RecordRequest(string api, int statusCode) => _requests.AddOrUpdate((api, statusCode), 1, (_, count) => count + 1);

    /// <summary>Records a finished generation from its usage (as the chat client reports it) and its duration.</summary>
    public void RecordGeneration(UsageDetails? usage, TimeSpan duration)
    {
        Interlocked.Increment(ref _generations);
        Interlocked.Add(ref _generationTicks, Math.Max(0, duration.Ticks));
        if (usage is null)
        {
            return;
        }

        Interlocked.Add(ref _promptTokens, usage.InputTokenCount ?? 0);
        Interlocked.Add(ref _completionTokens, usage.OutputTokenCount ?? 0);
        if (usage.CachedInputTokenCount is > 0 and var cached)
        {
            Interlocked.Add(ref _cachedPromptTokens, cached);
            Interlocked.Increment(ref _prefixCacheHits);
        }
    }
}
