namespace OmniBot.Api.OpenAI.Chat;

/// <summary>A tool call an earlier assistant message made, as the client sends it back.</summary>
public sealed record RequestToolCall
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public RequestFunctionCall? Function { get; init; }
}
