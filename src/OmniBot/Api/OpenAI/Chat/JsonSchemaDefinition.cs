using System.Text.Json;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary>The <c>json_schema</c> of a response format. The schema is always enforced by a grammar, strict or not.</summary>
public sealed record JsonSchemaDefinition
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public JsonElement? Schema { get; init; }

    public bool? Strict { get; init; }
}
