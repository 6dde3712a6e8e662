using System.Text.Json;

namespace OmniBot.Api.Ollama.Chat;

/// <summary>A declared function: its name, what it does, and a JSON schema of its parameters.</summary>
public sealed record OllamaToolFunction
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public JsonElement? Parameters { get; init; }
}
