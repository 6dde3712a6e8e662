using System.Text.Json;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary>The function of a <see cref="RequestToolCall"/>: its name and its arguments as a JSON string (an object is accepted too).</summary>
public sealed record RequestFunctionCall
{
    public string? Name { get; init; }

    public JsonElement? Arguments { get; init; }
}
