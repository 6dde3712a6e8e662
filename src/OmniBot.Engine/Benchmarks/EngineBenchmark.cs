using System.Diagnostics;
using LLama.Native;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;

namespace OmniBot.Engine.Benchmarks;

/// <summary>The same work as <see cref="NativeFloorBenchmark"/>, through the engine's scheduler.</summary>
internal static class EngineBenchmark
{
    public static async Task<FloorResult> RunSingleAsync(SafeLlamaModelHandle model, BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await using var scheduler = CreateScheduler(model, settings, slots: 4);
        var prompt = BenchmarkPrompts.Create(model, settings.PromptTokens, settings.Seed);
        var stats = await RunAsync(scheduler, prompt, settings.GeneratedTokens + 1, cancellationToken).ConfigureAwait(false);
        return new FloorResult(
            PromptTokensPerSecond: stats.PromptTokensEvaluated / stats.TimeToFirstToken.TotalSeconds,
            GenerationTokensPerSecond: (stats.CompletionTokens - 1) / stats.GenerationTime.TotalSeconds,
            TimeToFirstToken: stats.TimeToFirstToken);
    }

    /// <summary>
    /// Aggregate generation speed of <paramref name="concurrency"/> simultaneous requests, counted over the
    /// window in which all of them are generating (after the last prompt, before the first finishes).
    /// </summary>
    public static async Task<double> RunConcurrentAsync(SafeLlamaModelHandle model, BenchmarkSettings settings, int concurrency, CancellationToken cancellationToken)
    {
        await using var scheduler = CreateScheduler(model, settings, slots: Math.Max(4, concurrency));
        var options = Options(scheduler, settings.GeneratedTokens);
        var runs = Enumerable.Range(0, concurrency)
            .Select(i => TimeTokensAsync(scheduler, BenchmarkPrompts.Create(model, settings.PromptTokens, settings.Seed + i), options, cancellationToken))
            .ToList();
        var timelines = await Task.WhenAll(runs).ConfigureAwait(false);

        var windowStart = timelines.Max(timeline => timeline[0]);
        var windowEnd = timelines.Min(timeline => timeline[^1]);
        var tokens = timelines.Sum(timeline => timeline.Count(stamp => stamp > windowStart && stamp <= windowEnd));
        return tokens / Stopwatch.GetElapsedTime(windowStart, windowEnd).TotalSeconds;
    }

    /// <summary>Time to first token of a second turn, with the first turn cached in the slot and cold.</summary>
    public static async Task<(TimeSpan Warm, TimeSpan Cold, int WarmEvaluated)> RunSecondTurnAsync(SafeLlamaModelHandle model, BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var firstTurn = BenchmarkPrompts.Create(model, settings.PromptTokens, settings.Seed);
        var followUp = BenchmarkPrompts.Create(model, 32, settings.Seed + 1000);
        var secondTurn = firstTurn.Concat(followUp).ToArray();

        await using var warm = CreateScheduler(model, settings, slots: 4);
        await RunAsync(warm, firstTurn, 1, cancellationToken).ConfigureAwait(false);
        var warmStats = await RunAsync(warm, secondTurn, 1, cancellationToken).ConfigureAwait(false);

        await using var cold = CreateScheduler(model, settings, slots: 4);
        var coldStats = await RunAsync(cold, secondTurn, 1, cancellationToken).ConfigureAwait(false);
        return (warmStats.TimeToFirstToken, coldStats.TimeToFirstToken, warmStats.PromptTokensEvaluated);
    }

    private static async Task<GenerationStats> RunAsync(InferenceScheduler scheduler, int[] prompt, int maxTokens, CancellationToken cancellationToken)
    {
        GenerationStats? stats = null;
        await foreach (var update in scheduler.GenerateAsync(prompt, Options(scheduler, maxTokens), cancellationToken).ConfigureAwait(false))
        {
            stats ??= update.Stats;
        }

        return stats!;
    }

    private static async Task<List<long>> TimeTokensAsync(InferenceScheduler scheduler, int[] prompt, GenerationOptions options, CancellationToken cancellationToken)
    {
        var stamps = new List<long>();
        await foreach (var update in scheduler.GenerateAsync(prompt, options, cancellationToken).ConfigureAwait(false))
        {
            if (update.TokenCount > 0)
            {
                stamps.Add(Stopwatch.GetTimestamp());
            }
        }

        return stamps;
    }

    /// <summary>Greedy, with end-of-generation banned so that every run generates exactly the asked tokens.</summary>
    private static GenerationOptions Options(InferenceScheduler scheduler, int maxTokens) => new()
    {
        MaxTokens = maxTokens,
        Sampling = SamplingOptions.Greedy with
        {
            LogitBias = scheduler.EndOfGenerationTokens.ToDictionary(token => token, _ => float.NegativeInfinity),
        },
    };

    private static InferenceScheduler CreateScheduler(SafeLlamaModelHandle model, BenchmarkSettings settings, int slots) =>
        new(model, new SchedulerOptions { Slots = slots, ContextSize = settings.ContextPerSequence, Threads = settings.Threads, BatchSize = 512 }, "bench");
}
