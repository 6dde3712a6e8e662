using System.Text.Json;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary>A function the model may call: its name, what it does, and a JSON schema of its arguments.</summary>
public sealed record FunctionDefinition
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public JsonElement? Parameters { get; init; }

    public bool? Strict { get; init; }
}
