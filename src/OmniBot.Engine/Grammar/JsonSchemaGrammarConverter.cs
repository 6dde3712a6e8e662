using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Turns a JSON Schema into a GBNF grammar for llama.cpp's grammar sampler, following llama.cpp's
/// json-schema-to-grammar: every output of the grammar is JSON that validates against the schema.
/// Where the grammar must choose, it is stricter than the schema (no properties beyond those
/// listed unless <c>additionalProperties</c> allows them, at most 16 integer and fraction digits,
/// no exponent on bounded numbers, at most 20 characters of whitespace between tokens).
/// Keywords it cannot enforce raise <see cref="GrammarConversionException"/> instead of being ignored.
/// </summary>
public static class JsonSchemaGrammarConverter
{
    /// <exception cref="GrammarConversionException">The schema uses a keyword or construct the grammar cannot enforce.</exception>
    public static Gbnf Convert(JsonElement schema) => Convert(schema.GetRawText());

    /// <exception cref="GrammarConversionException">The schema uses a keyword or construct the grammar cannot enforce.</exception>
    public static Gbnf Convert(string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(schemaJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new GrammarConversionException($"the schema is not valid JSON: {e.Message}", "schema", string.Empty);
        }

        return Convert(node ?? throw new GrammarConversionException("a schema must be a JSON object, true or false, not null", "schema", string.Empty));
    }

    /// <exception cref="GrammarConversionException">The schema uses a keyword or construct the grammar cannot enforce.</exception>
    public static Gbnf Convert(JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        // Work on a copy so the caller's schema is never touched.
        return SchemaGrammarWriter.Write(schema.DeepClone());
    }
}
