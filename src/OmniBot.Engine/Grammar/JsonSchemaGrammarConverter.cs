using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Turns a JSON Schema into a GBNF grammar for llama.cpp's grammar sampler, following llama.cpp's
/// json-schema-to-grammar: every output of the grammar is JSON that validates against the schema.
/// Where the grammar must choose, it is stricter than the schema (no properties beyond those
/// listed unless <c>additionalProperties</c> allows them, at most 16 integer and fraction digits,
/// no exponent on bounded numbers, at most 20 characters of whitespace between tokens).
/// Keywords it cannot enforce raise <see cref="GrammarConversionException"/> instead of being ignored,
/// and so does a schema past one of the <see cref="GrammarLimits"/> (<see cref="GrammarLimits.Default"/>
/// unless given): schemas come from requests, and no schema may crash or stall the server.
/// </summary>
public static class JsonSchemaGrammarConverter
{
    /// <exception cref="GrammarConversionException">The schema uses a keyword or construct the grammar cannot enforce, or is past a limit.</exception>
    public static Gbnf Convert(JsonElement schema, GrammarLimits? limits = null) => Convert(schema.GetRawText(), limits);

    /// <exception cref="GrammarConversionException">The schema uses a keyword or construct the grammar cannot enforce, or is past a limit.</exception>
    public static Gbnf Convert(string schemaJson, GrammarLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        limits ??= GrammarLimits.Default;
        limits.Validate();
        return SchemaGrammarWriter.Write(SchemaSizeCheck.Parse(schemaJson, limits), limits);
    }

    /// <exception cref="GrammarConversionException">The schema uses a keyword or construct the grammar cannot enforce, or is past a limit.</exception>
    public static Gbnf Convert(JsonNode schema, GrammarLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        limits ??= GrammarLimits.Default;
        limits.Validate();
        SchemaSizeCheck.Check(schema, limits);
        // Work on a copy so the caller's schema is never touched.
        return SchemaGrammarWriter.Write(schema.DeepClone(), limits);
    }
}
