using System.Text.Json;

namespace OmniBot.Engine.Templates;

/// <summary>
/// One message of a conversation as chat templates read it (the OpenAI / transformers message shape).
/// The template sees <c>role</c> and <c>content</c> always (content <c>None</c> when null), and the other keys only when set.
/// </summary>
/// <param name="Role">The role: <c>system</c>, <c>user</c>, <c>assistant</c>, <c>tool</c>, ...</param>
public sealed record ChatTemplateMessage(string Role)
{
    /// <summary>The text content; null renders as <c>None</c> (as an assistant message that only calls tools has).</summary>
    public string? Content { get; init; }

    /// <summary>Multi-part content; when set it is passed as the <c>content</c> list instead of <see cref="Content"/>.</summary>
    public IReadOnlyList<ChatTemplateContentPart>? ContentParts { get; init; }

    /// <summary>The assistant's reasoning (<c>reasoning_content</c>), read by reasoning-model templates.</summary>
    public string? ReasoningContent { get; init; }

    /// <summary>The assistant's tool calls (<c>tool_calls</c>).</summary>
    public IReadOnlyList<ChatTemplateToolCall>? ToolCalls { get; init; }

    /// <summary>The call a tool message answers (<c>tool_call_id</c>).</summary>
    public string? ToolCallId { get; init; }

    /// <summary>The <c>name</c> key (for example the function name on a tool message).</summary>
    public string? Name { get; init; }

    /// <summary>Further keys, passed to the template as they are (strings, numbers, lists, dictionaries or JSON).</summary>
    public IReadOnlyDictionary<string, object?>? AdditionalProperties { get; init; }

    /// <summary>
    /// Reads an OpenAI-style JSON message: <c>role</c>, <c>content</c> (string, null or a list of parts), <c>reasoning_content</c>,
    /// <c>tool_calls</c> (with or without the <c>function</c> wrapper), <c>tool_call_id</c>, <c>name</c>; other keys become
    /// <see cref="AdditionalProperties"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The JSON is not a message object with a string <c>role</c>.</exception>
    public static ChatTemplateMessage FromJson(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException("A chat message must be a JSON object with a string \"role\".", nameof(message));
        }

        var result = new ChatTemplateMessage(role.GetString()!);
        var additional = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in message.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "role":
                    break;
                case "content" when value.ValueKind == JsonValueKind.Array:
                    result = result with { ContentParts = [.. value.EnumerateArray().Select(ReadPart)] };
                    break;
                case "content" when value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    result = result with { Content = value.ValueKind == JsonValueKind.Null ? null : value.GetString() };
                    break;
                case "reasoning_content" when value.ValueKind == JsonValueKind.String:
                    result = result with { ReasoningContent = value.GetString() };
                    break;
                case "tool_calls" when value.ValueKind == JsonValueKind.Array:
                    result = result with { ToolCalls = [.. value.EnumerateArray().Select(ReadToolCall)] };
                    break;
                case "tool_call_id" when value.ValueKind == JsonValueKind.String:
                    result = result with { ToolCallId = value.GetString() };
                    break;
                case "name" when value.ValueKind == JsonValueKind.String:
                    result = result with { Name = value.GetString() };
                    break;
                default:
                    additional[property.Name] = value.Clone();
                    break;
            }
        }

        return additional.Count > 0 ? result with { AdditionalProperties = additional } : result;
    }

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    private static ChatTemplateContentPart ReadPart(JsonElement part)
    {
        if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException("A content part must be a JSON object with a string \"type\".", nameof(part));
        }

        var result = new ChatTemplateContentPart(type.GetString()!);
        var additional = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in part.EnumerateObject())
        {
            if (property.Name == "type")
            {
                continue;
            }

            if (property.Name == "text" && property.Value.ValueKind == JsonValueKind.String)
            {
                result = result with { Text = property.Value.GetString() };
            }
            else
            {
                additional[property.Name] = property.Value.Clone();
            }
        }

        return additional.Count > 0 ? result with { AdditionalProperties = additional } : result;
    }

    private static ChatTemplateToolCall ReadToolCall(JsonElement call)
    {
        var function = call.TryGetProperty("function", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object ? wrapped : call;
        if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException("A tool call must have a string function \"name\".", nameof(call));
        }

        var arguments = function.TryGetProperty("arguments", out var args) ? args.Clone() : EmptyObject();
        var id = call.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
        return new ChatTemplateToolCall(name.GetString()!, arguments) { Id = id };
    }
}
