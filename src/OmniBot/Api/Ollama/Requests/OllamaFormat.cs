using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Grammar;

namespace OmniBot.Api.Ollama.Requests;

/// <summary>
/// A request's <c>format</c>: <c>"json"</c> for any JSON object, or a JSON schema the reply must follow. The schema is
/// turned into a grammar here, so a schema the engine cannot enforce is refused before anything is generated.
/// </summary>
internal sealed record OllamaFormat(ChatResponseFormat? ResponseFormat, Gbnf? Grammar)
{
    private const string AnyObjectSchema = "{\"type\":\"object\"}";

    public static OllamaFormat None { get; } = new(null, null);

    /// <exception cref="OllamaApiException">Neither "json" nor a schema the engine can enforce.</exception>
    public static OllamaFormat Parse(JsonElement? format)
    {
        if (format is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return None;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() switch
            {
                "" => None,
                "json" => new OllamaFormat(ChatResponseFormat.Json, JsonSchemaGrammarConverter.Convert(AnyObjectSchema)),
                var other => throw OllamaApiException.BadRequest($"format must be \"json\" or a JSON schema object, not \"{other}\"."),
            };
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw OllamaApiException.BadRequest($"format must be \"json\" or a JSON schema object, not {element.GetRawText()}.");
        }

        try
        {
            return new OllamaFormat(ChatResponseFormat.ForJsonSchema(element, "response"), JsonSchemaGrammarConverter.Convert(element));
        }
        catch (Exception exception) when (exception is GrammarConversionException or GbnfParseException or ArgumentException or InvalidOperationException or FormatException or JsonException)
        {
            throw OllamaApiException.BadRequest($"format is not a JSON schema the reply can be held to: {exception.Message}");
        }
    }
}
