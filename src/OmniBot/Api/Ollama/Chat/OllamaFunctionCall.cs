using System.Text.Json;

namespace OmniBot.Api.Ollama.Chat;

/// <summary>The function a tool call names and its arguments, a JSON object (a JSON string of one is accepted too).</summary>
public sealed record OllamaFunctionCall
{
    public int? Index { get; init; }

    public string? Name { get; init; }

    public JsonElement? Arguments { get; init; }
}
