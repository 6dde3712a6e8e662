namespace OmniBot.Api.Ollama.Embed;

/// <summary>The answer of <c>POST /api/embed</c>: one unit-length vector per input, in order.</summary>
public sealed record OllamaEmbedResponse
{
    public required string Model { get; init; }

    public required IReadOnlyList<float[]> Embeddings { get; init; }

    /// <summary>Nanoseconds.</summary>
    public long? TotalDuration { get; init; }

    public long? LoadDuration { get; init; }

    public int? PromptEvalCount { get; init; }
}
