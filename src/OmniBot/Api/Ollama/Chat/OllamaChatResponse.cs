namespace OmniBot.Api.Ollama.Chat;

/// <summary>One line of a chat stream, or the whole answer; the last (<c>done: true</c>) carries the counts and durations.</summary>
public sealed record OllamaChatResponse
{
    public required string Model { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required OllamaMessage Message { get; init; }

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
