namespace OmniBot.Api.Ollama.Streaming;

/// <summary>The fields of Ollama's final (<c>done: true</c>) object; durations in nanoseconds.</summary>
internal sealed record OllamaDoneStats(string DoneReason, long TotalDuration, long LoadDuration, int PromptEvalCount, long PromptEvalDuration, int EvalCount, long EvalDuration)
{
    public static OllamaDoneStats From(OllamaReplyEnd end, OllamaRequestClock clock)
    {
        ArgumentNullException.ThrowIfNull(end);
        ArgumentNullException.ThrowIfNull(clock);
        var promptEval = end.PromptEvalDuration;
        var eval = end.EvalDuration ?? Max(TimeSpan.Zero, clock.SinceReady - promptEval);
        return new OllamaDoneStats(
            end.DoneReason,
            Nanoseconds(clock.Total),
            Nanoseconds(clock.LoadDuration),
            (int)(end.Usage.InputTokenCount ?? 0),
            Nanoseconds(promptEval),
            (int)(end.Usage.OutputTokenCount ?? 0),
            Nanoseconds(eval));
    }

    /// <summary>The answer to a request that only loads or unloads its model.</summary>
    public static OllamaDoneStats ForLoad(string doneReason, OllamaRequestClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new OllamaDoneStats(doneReason, Nanoseconds(clock.Total), Nanoseconds(clock.LoadDuration), 0, 0, 0, 0);
    }

    public static long Nanoseconds(TimeSpan duration) => duration.Ticks * TimeSpan.NanosecondsPerTick;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
