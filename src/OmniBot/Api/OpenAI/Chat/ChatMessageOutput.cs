namespace OmniBot.Api.OpenAI.Chat;

/// <summary>
/// An assistant message (non-streamed) or a delta of one (streamed): text, reasoning under llama.cpp's
/// <c>reasoning_content</c>, and tool calls.
/// </summary>
public sealed record ChatMessageOutput
{
    public string? Role { get; init; }

    public string? Content { get; init; }

    public string? ReasoningContent { get; init; }

    public IReadOnlyList<ResponseToolCall>? ToolCalls { get; init; }
}
