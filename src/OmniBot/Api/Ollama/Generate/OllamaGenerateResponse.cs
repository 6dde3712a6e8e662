namespace OmniBot.Api.Ollama.Generate;

/// <summary>One line of a generate stream, or the whole answer; the last (<c>done: true</c>) carries the counts and durations.</summary>
public sealed record OllamaGenerateResponse
{
    public required string Model { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Response { get; init; }

    public string? Thinking { get; init; }

    public required bool Done { get; init; }

    /// <summary>stop, length, load or unload.</summary>
    public string? DoneReason { get; init; }

    /// <summary>Nanoseconds, as every duration here.</summary>
    public long? TotalDuration { get; init; }

    public long? LoadDuration { get; init; }

    public int? PromptEvalCount { get; init; }

    public long? PromptEvalDuration { get; init; }

    public int? EvalCount { get; init; }

    public long? EvalDuration { get; init; }
}
