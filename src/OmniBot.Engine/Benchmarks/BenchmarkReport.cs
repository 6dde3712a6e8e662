using System.Globalization;
using System.Text;

namespace OmniBot.Engine.Benchmarks;

/// <summary>Medians over repeated runs of the native floor and the engine on the same work.</summary>
public sealed record BenchmarkReport
{
    public required string Model { get; init; }

    public required int Runs { get; init; }

    public required BenchmarkSettings Settings { get; init; }

    public required string Machine { get; init; }

    public required double FloorPromptTokensPerSecond { get; init; }

    public required double FloorGenerationTokensPerSecond { get; init; }

    public required double FloorTimeToFirstTokenMs { get; init; }

    public required double FloorMultiSequenceTokensPerSecond { get; init; }

    public required double EnginePromptTokensPerSecond { get; init; }

    public required double EngineGenerationTokensPerSecond { get; init; }

    public required double EngineTimeToFirstTokenMs { get; init; }

    /// <summary>Concurrent requests → aggregate generation tokens/s.</summary>
    public required IReadOnlyDictionary<int, double> EngineConcurrentTokensPerSecond { get; init; }

    public required double SecondTurnWarmTimeToFirstTokenMs { get; init; }

    public required double SecondTurnColdTimeToFirstTokenMs { get; init; }

    public required int SecondTurnWarmTokensEvaluated { get; init; }

    public double PromptRatio => EnginePromptTokensPerSecond / FloorPromptTokensPerSecond;

    public double GenerationRatio => EngineGenerationTokensPerSecond / FloorGenerationTokensPerSecond;

    public double? FourConcurrentRatio => EngineConcurrentTokensPerSecond.TryGetValue(Settings.FloorSequences, out var value)
        ? value / FloorMultiSequenceTokensPerSecond
        : null;

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"# Benchmark: {Model}");
        text.AppendLine();
        text.AppendLine(c, $"{Machine}; {Settings.Threads} threads; prompt {Settings.PromptTokens} tokens, {Settings.GeneratedTokens} generated tokens; medians of {Runs} runs.");
        text.AppendLine();
        text.AppendLine("| measure | native floor | OmniBot engine | ratio |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        text.AppendLine(c, $"| prompt tokens/s | {FloorPromptTokensPerSecond:F1} | {EnginePromptTokensPerSecond:F1} | {PromptRatio:F3} |");
        text.AppendLine(c, $"| generation tokens/s | {FloorGenerationTokensPerSecond:F2} | {EngineGenerationTokensPerSecond:F2} | {GenerationRatio:F3} |");
        text.AppendLine(c, $"| time to first token (ms) | {FloorTimeToFirstTokenMs:F0} | {EngineTimeToFirstTokenMs:F0} | |");
        foreach (var (concurrency, speed) in EngineConcurrentTokensPerSecond.OrderBy(pair => pair.Key))
        {
            var floor = concurrency == Settings.FloorSequences ? FloorMultiSequenceTokensPerSecond.ToString("F2", c) : string.Empty;
            var ratio = concurrency == Settings.FloorSequences ? FourConcurrentRatio!.Value.ToString("F3", c) : string.Empty;
            text.AppendLine(c, $"| aggregate generation tokens/s, {concurrency} concurrent | {floor} | {speed:F2} | {ratio} |");
        }

        text.AppendLine(c, $"| second turn time to first token, prefix reused (ms) | | {SecondTurnWarmTimeToFirstTokenMs:F0} | |");
        text.AppendLine(c, $"| second turn time to first token, cold (ms) | | {SecondTurnColdTimeToFirstTokenMs:F0} | |");
        text.AppendLine(c, $"| second turn tokens evaluated with reuse (of {Settings.PromptTokens + 32}) | | {SecondTurnWarmTokensEvaluated} | |");
        return text.ToString();
    }
}
