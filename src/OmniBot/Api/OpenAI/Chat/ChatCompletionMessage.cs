using System.Text.Json;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary>One message of a chat request: system, developer, user, assistant (with <c>tool_calls</c>) or tool (with <c>tool_call_id</c>).</summary>
public sealed record ChatCompletionMessage
{
    public string? Role { get; init; }

    /// <summary>A string, an array of <c>{"type":"text","text":...}</c> parts, or null for an assistant message that only calls tools.</summary>
    public JsonElement? Content { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<RequestToolCall?>? ToolCalls { get; init; }

    public string? ToolCallId { get; init; }

    /// <summary>An earlier answer's reasoning, as llama.cpp's server returns it.</summary>
    public string? ReasoningContent { get; init; }
}
