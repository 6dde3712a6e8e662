using System.Text.Json;

namespace OmniBot.Api.Ollama.Chat;

/// <summary>The body of <c>POST /api/chat</c>.</summary>
public sealed record OllamaChatRequest
{
    public string? Model { get; init; }

    public IReadOnlyList<OllamaMessage?>? Messages { get; init; }

    public IReadOnlyList<OllamaTool?>? Tools { get; init; }

    /// <summary>"json" or a JSON schema object.</summary>
    public JsonElement? Format { get; init; }

    public JsonElement? Options { get; init; }

    /// <summary>True (the default) streams NDJSON lines; false answers one object.</summary>
    public bool? Stream { get; init; }

    /// <summary>A duration string ("5m") or seconds; 0 unloads after the request, negative keeps the model loaded.</summary>
    public JsonElement? KeepAlive { get; init; }

    /// <summary>true, false, or an effort ("high", "medium", "low").</summary>
    public JsonElement? Think { get; init; }

    /// <summary>An Ollama (Go) template override; refused, as models use their own chat template.</summary>
    public string? Template { get; init; }
}
