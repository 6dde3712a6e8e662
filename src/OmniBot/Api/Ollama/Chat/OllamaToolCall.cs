namespace OmniBot.Api.Ollama.Chat;

/// <summary>A tool call on an assistant message: <c>{"function": {"name": …, "arguments": {…}}}</c>.</summary>
public sealed record OllamaToolCall
{
    public string? Id { get; init; }

    public OllamaFunctionCall? Function { get; init; }
}
