using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OmniBot.Api.Ollama.Chat;

/// <summary>
/// Turns Ollama messages into Microsoft.Extensions.AI messages: tool calls on assistant messages become
/// <see cref="FunctionCallContent"/>, and tool messages <see cref="FunctionResultContent"/> tied to the call they
/// answer (by <c>tool_call_id</c>, else the earliest unanswered call of <c>tool_name</c>, else the earliest unanswered call).
/// </summary>
internal static class OllamaMessageMapper
{
    /// <exception cref="OllamaApiException">A missing message, an unknown role, images, or a malformed tool call.</exception>
    public static List<ChatMessage> ToChatMessages(IReadOnlyList<OllamaMessage?>? messages)
    {
        var result = new List<ChatMessage>();
        var unanswered = new List<FunctionCallContent>();
        for (var index = 0; index < (messages?.Count ?? 0); index++)
        {
            var message = messages![index] ?? throw OllamaApiException.BadRequest($"messages[{index}] is null: each message is an object such as {{\"role\": \"user\", \"content\": \"Hi\"}}.");
            if (message.Images is { Count: > 0 })
            {
                throw OllamaApiException.BadRequest($"messages[{index}] has images, but the models served here read text only: send the message without images.");
            }

            var content = message.Content ?? string.Empty;
            result.Add(message.Role?.Trim().ToLowerInvariant() switch
            {
                "system" => new ChatMessage(ChatRole.System, content),
                "user" => new ChatMessage(ChatRole.User, content),
                "assistant" => Assistant(message, index, unanswered),
                "tool" => ToolResult(message, unanswered),
                var role => throw OllamaApiException.BadRequest($"messages[{index}].role must be system, user, assistant or tool, not '{role}'."),
            });
        }

        return result;
    }

    private static ChatMessage Assistant(OllamaMessage message, int index, List<FunctionCallContent> unanswered)
    {
        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(message.Thinking))
        {
            contents.Add(new TextReasoningContent(message.Thinking));
        }

        if (!string.IsNullOrEmpty(message.Content))
        {
            contents.Add(new TextContent(message.Content));
        }

        var calls = message.ToolCalls ?? [];
        for (var callIndex = 0; callIndex < calls.Count; callIndex++)
        {
            var function = calls[callIndex]?.Function;
            if (string.IsNullOrWhiteSpace(function?.Name))
            {
                throw OllamaApiException.BadRequest($"messages[{index}].tool_calls[{callIndex}] needs function.name.");
            }

            var call = new FunctionCallContent(
                calls[callIndex]!.Id ?? $"call_{index}_{callIndex}",
                function.Name,
                Arguments(function.Arguments, $"messages[{index}].tool_calls[{callIndex}].function.arguments"));
            unanswered.Add(call);
            contents.Add(call);
        }

        return new ChatMessage(ChatRole.Assistant, contents);
    }

    private static ChatMessage ToolResult(OllamaMessage message, List<FunctionCallContent> unanswered)
    {
        var answered = unanswered.FirstOrDefault(call => message.ToolCallId is not null && call.CallId == message.ToolCallId)
            ?? unanswered.FirstOrDefault(call => message.ToolName is not null && call.Name == message.ToolName)
            ?? unanswered.FirstOrDefault();
        if (answered is not null)
        {
            unanswered.Remove(answered);
        }

        var callId = message.ToolCallId ?? answered?.CallId ?? "call_" + (message.ToolName ?? "tool");
        return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, message.Content ?? string.Empty)]) { AuthorName = message.ToolName };
    }

    private static Dictionary<string, object?> Arguments(JsonElement? arguments, string path)
    {
        var element = arguments ?? default;
        if (element.ValueKind == JsonValueKind.String)
        {
            try
            {
                element = JsonDocument.Parse(element.GetString()!).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw OllamaApiException.BadRequest($"{path} must be a JSON object, and this string is not one: {arguments!.Value.GetRawText()}.");
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => [],
            JsonValueKind.Object => JsonSerializer.Deserialize<Dictionary<string, object?>>(element.GetRawText(), AIJsonUtilities.DefaultOptions) ?? [],
            _ => throw OllamaApiException.BadRequest($"{path} must be a JSON object of argument names and values, not {element.GetRawText()}."),
        };
    }
}
