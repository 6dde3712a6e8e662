using System.Text.Json;

namespace OmniBot.Engine.Templates;

/// <summary>
/// A tool call in an assistant message, given to the template as
/// <c>{"id": ..., "type": "function", "function": {"name": ..., "arguments": ...}}</c>.
/// </summary>
/// <param name="Name">The function name.</param>
/// <param name="Arguments">
/// The arguments: normally a JSON object (templates expect a mapping they can iterate or <c>tojson</c>); a JSON string is
/// passed as a string (OpenAI's wire format), which several templates cannot handle.
/// </param>
public sealed record ChatTemplateToolCall(string Name, JsonElement Arguments)
{
    /// <summary>The call id (<c>tool_call_id</c> of the matching tool message); null leaves the <c>id</c> key out.</summary>
    public string? Id { get; init; }
}
