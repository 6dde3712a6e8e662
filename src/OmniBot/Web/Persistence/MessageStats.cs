namespace OmniBot.Web.Persistence;

/// <summary>What a reply cost: tokens in and out, prompt tokens reused from the cache, speed and latency.</summary>
public sealed record MessageStats
{
    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public long? CachedInputTokens { get; init; }

    public double? TokensPerSecond { get; init; }

    public double? TimeToFirstTokenMs { get; init; }

    public double DurationMs { get; init; }

    /// <summary>"stop", "length", "tool_calls" or "content_filter"; null when the reply did not finish.</summary>
    public string? FinishReason { get; init; }
}
