using System.Text.Json;

namespace OmniBot.Api.Ollama.Embed;

/// <summary>The body of the older <c>POST /api/embeddings</c>: one prompt.</summary>
public sealed record OllamaEmbeddingsRequest
{
    public string? Model { get; init; }

    public string? Prompt { get; init; }

    public JsonElement? Options { get; init; }

    public JsonElement? KeepAlive { get; init; }
}
