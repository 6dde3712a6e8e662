namespace OmniBot.Engine.Benchmarks;

/// <summary>The work both the native floor and the engine are measured on.</summary>
public sealed record BenchmarkSettings
{
    public int PromptTokens { get; init; } = 512;

    public int GeneratedTokens { get; init; } = 128;

    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Context of each sequence: the prompt, the reply and a second turn fit.</summary>
    public int ContextPerSequence { get; init; } = 1024;

    public IReadOnlyList<int> Concurrency { get; init; } = [1, 2, 4, 8];

    /// <summary>Sequences of the native floor's multi-sequence run.</summary>
    public int FloorSequences { get; init; } = 4;

    public int Seed { get; init; } = 42;
}
