using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary>
/// Turns the request's messages into Microsoft.Extensions.AI messages: system and developer as system, text parts
/// joined, assistant tool calls as <see cref="FunctionCallContent"/>, tool messages as <see cref="FunctionResultContent"/>
/// named after the call they answer.
/// </summary>
internal static class ChatMessagesMapper
{
    /// <exception cref="InvalidRequestException">A message is missing, has an unknown role, or content of the wrong shape.</exception>
    public static List<ChatMessage> ToChatMessages(IReadOnlyList<ChatCompletionMessage?>? messages)
    {
        if (messages is null || messages.Count == 0)
        {
            throw new InvalidRequestException("messages must hold at least one message, e.g. [{\"role\":\"user\",\"content\":\"Hello\"}].", "messages");
        }

        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<ChatMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var parameter = $"messages[{i}]";
            var message = messages[i] ?? throw new InvalidRequestException($"{parameter} is null: each message is an object with a role and content.", parameter);
            result.Add(message.Role switch
            {
                "system" or "developer" => Plain(ChatRole.System, message, parameter),
                "user" => Plain(ChatRole.User, message, parameter),
                "assistant" => Assistant(message, parameter, callNames),
                "tool" => Tool(message, parameter, callNames),
                null => throw new InvalidRequestException($"{parameter}.role is missing: use system, developer, user, assistant or tool.", $"{parameter}.role"),
                var other => throw new InvalidRequestException($"{parameter}.role '{other}' is not a chat role: use system, developer, user, assistant or tool.", $"{parameter}.role"),
            });
        }

        return result;
    }

    private static ChatMessage Plain(ChatRole role, ChatCompletionMessage message, string parameter) =>
        new(role, Text(message.Content, parameter) ?? throw new InvalidRequestException($"{parameter}.content is missing: a {message.Role} message needs text.", $"{parameter}.content"))
        {
            AuthorName = message.Name,
        };

    private static ChatMessage Assistant(ChatCompletionMessage message, string parameter, Dictionary<string, string> callNames)
    {
        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(message.ReasoningContent))
        {
            contents.Add(new TextReasoningContent(message.ReasoningContent));
        }

        if (Text(message.Content, parameter) is { Length: > 0 } text)
        {
            contents.Add(new TextContent(text));
        }

        var calls = message.ToolCalls ?? [];
        for (var j = 0; j < calls.Count; j++)
        {
            var call = ToolCall(calls[j], $"{parameter}.tool_calls[{j}]");
            callNames[call.CallId] = call.Name;
            contents.Add(call);
        }

        return new ChatMessage(ChatRole.Assistant, contents) { AuthorName = message.Name };
    }

    private static FunctionCallContent ToolCall(RequestToolCall? call, string parameter)
    {
        if (call is null)
        {
            throw new InvalidRequestException($"{parameter} is null: a tool call is {{\"id\":...,\"type\":\"function\",\"function\":{{\"name\":...,\"arguments\":\"{{...}}\"}}}}.", parameter);
        }

        if (call.Type is not (null or "function"))
        {
            throw new InvalidRequestException($"{parameter}.type must be \"function\", not '{call.Type}'.", $"{parameter}.type");
        }

        if (string.IsNullOrWhiteSpace(call.Function?.Name))
        {
            throw new InvalidRequestException($"{parameter}.function.name is missing: name the function that was called.", $"{parameter}.function.name");
        }

        var id = string.IsNullOrEmpty(call.Id) ? throw new InvalidRequestException($"{parameter}.id is missing: tool results refer to their call by this id.", $"{parameter}.id") : call.Id;
        return new FunctionCallContent(id, call.Function.Name, Arguments(call.Function.Arguments, $"{parameter}.function.arguments"));
    }

    /// <summary>Arguments are a JSON object encoded in a string (OpenAI's shape); an object as such is accepted too.</summary>
    private static Dictionary<string, object?> Arguments(JsonElement? arguments, string parameter)
    {
        JsonElement element;
        switch (arguments)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return [];
            case { ValueKind: JsonValueKind.String } text when string.IsNullOrWhiteSpace(text.GetString()):
                return [];
            case { ValueKind: JsonValueKind.String } text:
                try
                {
                    using var document = JsonDocument.Parse(text.GetString()!);
                    element = document.RootElement.Clone();
                }
                catch (JsonException exception)
                {
                    throw new InvalidRequestException($"{parameter} is not valid JSON: {exception.Message}", parameter);
                }

                break;
            default:
                element = arguments.Value;
                break;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRequestException($"{parameter} must be a JSON object of named arguments, not {OpenAIRequestReader.Describe(element)}.", parameter);
        }

        return element.EnumerateObject().ToDictionary(property => property.Name, property => (object?)property.Value.Clone(), StringComparer.Ordinal);
    }

    private static ChatMessage Tool(ChatCompletionMessage message, string parameter, Dictionary<string, string> callNames)
    {
        if (string.IsNullOrEmpty(message.ToolCallId))
        {
            throw new InvalidRequestException($"{parameter}.tool_call_id is missing: a tool message answers the assistant's tool call with that id.", $"{parameter}.tool_call_id");
        }

        var result = Text(message.Content, parameter) ?? string.Empty;
        return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(message.ToolCallId, result)])
        {
            AuthorName = callNames.GetValueOrDefault(message.ToolCallId) ?? message.Name,
        };
    }

    /// <summary>The text of a content that is a string or an array of text parts; null when absent.</summary>
    private static string? Text(JsonElement? content, string parameter)
    {
        switch (content)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.String } text:
                return text.GetString();
            case { ValueKind: JsonValueKind.Array } parts:
                var builder = new System.Text.StringBuilder();
                var index = 0;
                foreach (var part in parts.EnumerateArray())
                {
                    builder.Append(PartText(part, $"{parameter}.content[{index++}]"));
                }

                return builder.ToString();
            default:
                throw new InvalidRequestException($"{parameter}.content must be a string or an array of text parts, not {OpenAIRequestReader.Describe(content.Value)}.", $"{parameter}.content");
        }
    }

    private static string PartText(JsonElement part, string parameter)
    {
        if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new InvalidRequestException($"{parameter} must be an object with a \"type\", such as {{\"type\":\"text\",\"text\":\"...\"}}.", parameter);
        }

        var kind = type.GetString();
        if (kind is "text" or "refusal")
        {
            var field = kind == "text" ? "text" : "refusal";
            return part.TryGetProperty(field, out var text) && text.ValueKind == JsonValueKind.String
                ? text.GetString()!
                : throw new InvalidRequestException($"{parameter}.{field} must be a string.", $"{parameter}.{field}");
        }

        throw new InvalidRequestException($"{parameter} is a '{kind}' part, but the models on this server read text only: send text parts.", parameter);
    }
}
