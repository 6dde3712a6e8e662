using System.Text.Json;

namespace OmniBot.Api.Ollama.Embed;

/// <summary>The body of <c>POST /api/embed</c>.</summary>
public sealed record OllamaEmbedRequest
{
    public string? Model { get; init; }

    /// <summary>A string or an array of strings.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Cut inputs longer than the model takes (the default) instead of refusing them.</summary>
    public bool? Truncate { get; init; }

    /// <summary>Accepted only when it equals the model's own embedding length.</summary>
    public int? Dimensions { get; init; }

    public JsonElement? Options { get; init; }

    public JsonElement? KeepAlive { get; init; }
}
