namespace OmniBot.Api.Ollama.Chat;

/// <summary>A tool the model may call: <c>{"type": "function", "function": {name, description, parameters}}</c>.</summary>
public sealed record OllamaTool
{
    public string? Type { get; init; }

    public OllamaToolFunction? Function { get; init; }
}
