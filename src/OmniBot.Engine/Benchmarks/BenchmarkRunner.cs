using System.Runtime.InteropServices;
using OmniBot.Engine.Loading;

namespace OmniBot.Engine.Benchmarks;

/// <summary>
/// Runs the native floor and the engine alternately on the same model, several times, and reports
/// medians, so that both see the same machine conditions.
/// </summary>
public static class BenchmarkRunner
{
    public static async Task<BenchmarkReport> RunAsync(string modelPath, BenchmarkSettings settings, int runs, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        using var loaded = await LlamaModel.LoadAsync(modelPath, new ModelLoadOptions { ContextSize = settings.ContextPerSequence * 8, Threads = settings.Threads }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var model = loaded.Handle;

        var floorSingle = new List<FloorResult>();
        var floorMulti = new List<double>();
        var engineSingle = new List<FloorResult>();
        var concurrent = settings.Concurrency.ToDictionary(n => n, _ => new List<double>());
        var warm = new List<double>();
        var cold = new List<double>();
        var warmEvaluated = 0;

        for (var run = 1; run <= runs; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report($"run {run}/{runs}: native floor");
            floorSingle.Add(await OnDedicatedThread(() => NativeFloorBenchmark.RunSingle(model, settings)).ConfigureAwait(false));
            floorMulti.Add(await OnDedicatedThread(() => NativeFloorBenchmark.RunMultiSequence(model, settings)).ConfigureAwait(false));

            progress?.Report($"run {run}/{runs}: engine");
            engineSingle.Add(await EngineBenchmark.RunSingleAsync(model, settings, cancellationToken).ConfigureAwait(false));
            foreach (var n in settings.Concurrency)
            {
                concurrent[n].Add(await EngineBenchmark.RunConcurrentAsync(model, settings, n, cancellationToken).ConfigureAwait(false));
            }

            var secondTurn = await EngineBenchmark.RunSecondTurnAsync(model, settings, cancellationToken).ConfigureAwait(false);
            warm.Add(secondTurn.Warm.TotalMilliseconds);
            cold.Add(secondTurn.Cold.TotalMilliseconds);
            warmEvaluated = secondTurn.WarmEvaluated;
        }

        return new BenchmarkReport
        {
            Model = Path.GetFileName(modelPath),
            Runs = runs,
            Settings = settings,
            Machine = $"{RuntimeInformation.OSDescription.Trim()}, {Environment.ProcessorCount} cores, {RuntimeInformation.ProcessArchitecture}",
            FloorPromptTokensPerSecond = BenchmarkStatistics.Median(floorSingle.Select(r => r.PromptTokensPerSecond)),
            FloorGenerationTokensPerSecond = BenchmarkStatistics.Median(floorSingle.Select(r => r.GenerationTokensPerSecond)),
            FloorTimeToFirstTokenMs = BenchmarkStatistics.Median(floorSingle.Select(r => r.TimeToFirstToken.TotalMilliseconds)),
            FloorMultiSequenceTokensPerSecond = BenchmarkStatistics.Median(floorMulti),
            EnginePromptTokensPerSecond = BenchmarkStatistics.Median(engineSingle.Select(r => r.PromptTokensPerSecond)),
            EngineGenerationTokensPerSecond = BenchmarkStatistics.Median(engineSingle.Select(r => r.GenerationTokensPerSecond)),
            EngineTimeToFirstTokenMs = BenchmarkStatistics.Median(engineSingle.Select(r => r.TimeToFirstToken.TotalMilliseconds)),
            EngineConcurrentTokensPerSecond = concurrent.ToDictionary(pair => pair.Key, pair => BenchmarkStatistics.Median(pair.Value)),
            SecondTurnWarmTimeToFirstTokenMs = BenchmarkStatistics.Median(warm),
            SecondTurnColdTimeToFirstTokenMs = BenchmarkStatistics.Median(cold),
            SecondTurnWarmTokensEvaluated = warmEvaluated,
        };
    }

    /// <summary>The floor, like the engine's loop, decodes from one long-lived thread of its own.</summary>
    private static Task<T> OnDedicatedThread<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        })
        { IsBackground = true, Name = "omnibot-bench-floor" };
        thread.Start();
        return completion.Task;
    }
}
