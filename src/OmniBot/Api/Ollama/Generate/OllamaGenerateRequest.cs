using System.Text.Json;

namespace OmniBot.Api.Ollama.Generate;

/// <summary>The body of <c>POST /api/generate</c>.</summary>
public sealed record OllamaGenerateRequest
{
    public string? Model { get; init; }

    public string? Prompt { get; init; }

    /// <summary>Text after the insertion point (fill-in-the-middle); refused, as the engine has no infill mode.</summary>
    public string? Suffix { get; init; }

    /// <summary>A system prompt, put before the prompt by the chat template (ignored in raw mode).</summary>
    public string? System { get; init; }

    /// <summary>An Ollama (Go) template override; refused, as models use their own chat template.</summary>
    public string? Template { get; init; }

    /// <summary>Token ids from an earlier response; this server returns none, so only an empty list is accepted.</summary>
    public IReadOnlyList<long>? Context { get; init; }

    /// <summary>True sends the prompt as written, without the chat template.</summary>
    public bool? Raw { get; init; }

    public bool? Stream { get; init; }

    public JsonElement? Format { get; init; }

    public JsonElement? Options { get; init; }

    public JsonElement? KeepAlive { get; init; }

    public JsonElement? Think { get; init; }

    public IReadOnlyList<string>? Images { get; init; }
}
