using System.Text.Json;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary>
/// <c>response_format</c>: <c>text</c>, <c>json_object</c>, or <c>json_schema</c> with a schema the reply must follow.
/// <see cref="Schema"/> beside <c>json_object</c> is llama.cpp's shorthand for the same.
/// </summary>
public sealed record ResponseFormatRequest
{
    public string? Type { get; init; }

    public JsonSchemaDefinition? JsonSchema { get; init; }

    public JsonElement? Schema { get; init; }
}
