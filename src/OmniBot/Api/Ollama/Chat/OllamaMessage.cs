namespace OmniBot.Api.Ollama.Chat;

/// <summary>A chat message as Ollama writes it, in requests and in replies.</summary>
public sealed record OllamaMessage
{
    /// <summary>system, user, assistant or tool.</summary>
    public string? Role { get; init; }

    public string? Content { get; init; }

    /// <summary>A reasoning model's thinking, apart from its answer.</summary>
    public string? Thinking { get; init; }

    /// <summary>Base64 images; refused, as the served models read text only.</summary>
    public IReadOnlyList<string>? Images { get; init; }

    public IReadOnlyList<OllamaToolCall>? ToolCalls { get; init; }

    /// <summary>On a tool message: the tool whose result it is.</summary>
    public string? ToolName { get; init; }

    /// <summary>On a tool message: the call it answers, where the client kept the call's id.</summary>
    public string? ToolCallId { get; init; }
}
