using System.Text.Json;

namespace OmniBot.Api.OpenAI.Embeddings;

/// <summary>The body of <c>POST /v1/embeddings</c>.</summary>
public sealed record EmbeddingRequest
{
    public string? Model { get; init; }

    /// <summary>A string or an array of strings.</summary>
    public JsonElement? Input { get; init; }

    /// <summary><c>float</c> (default) or <c>base64</c> (little-endian float32).</summary>
    public string? EncodingFormat { get; init; }

    public int? Dimensions { get; init; }

    public string? User { get; init; }
}
