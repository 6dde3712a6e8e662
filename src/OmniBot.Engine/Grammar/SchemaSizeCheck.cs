using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Measures a schema before anything walks it recursively: length, number of JSON values and
/// nesting, each against <see cref="GrammarLimits"/>. Both measurements are iterative.
/// </summary>
internal static class SchemaSizeCheck
{
    /// <summary>Reads the JSON text once with the streaming reader; returns the parsed schema.</summary>
    public static JsonNode Parse(string schemaJson, GrammarLimits limits)
    {
        if (schemaJson.Length > limits.MaxSchemaLength)
        {
            throw SizeError($"the schema is {schemaJson.Length} characters long, above the limit of {limits.MaxSchemaLength} (GrammarLimits.MaxSchemaLength)");
        }

        var utf8 = Encoding.UTF8.GetBytes(schemaJson);
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = limits.MaxSchemaDepth + 1 });
            var nodes = 0;
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (++nodes > limits.MaxSchemaNodes)
                {
                    throw SizeError($"the schema has more than {limits.MaxSchemaNodes} JSON values (GrammarLimits.MaxSchemaNodes)");
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= limits.MaxSchemaDepth)
                {
                    throw DepthError(limits, $" at character {reader.TokenStartIndex}");
                }
            }

            var node = JsonNode.Parse(schemaJson, documentOptions: new JsonDocumentOptions { MaxDepth = limits.MaxSchemaDepth + 1 });
            return node ?? throw new GrammarConversionException("a schema must be a JSON object, true or false, not null", "schema", string.Empty);
        }
        catch (JsonException e)
        {
            throw new GrammarConversionException($"the schema is not valid JSON: {e.Message}", "schema", string.Empty);
        }
    }

    /// <summary>Walks a schema built in memory with an explicit stack, before it is copied or converted.</summary>
    public static void Check(JsonNode schema, GrammarLimits limits)
    {
        var stack = new Stack<(JsonNode? Node, int Depth)>();
        stack.Push((schema, 1));
        var nodes = 0;
        long length = 0;
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (++nodes > limits.MaxSchemaNodes)
            {
                throw SizeError($"the schema has more than {limits.MaxSchemaNodes} JSON values (GrammarLimits.MaxSchemaNodes)");
            }

            switch (node)
            {
                case JsonObject obj:
                    ThrowIfTooDeep(depth, limits);
                    foreach (var (key, child) in obj)
                    {
                        length += key.Length + 4;
                        stack.Push((child, depth + 1));
                    }

                    break;
                case JsonArray array:
                    ThrowIfTooDeep(depth, limits);
                    foreach (var child in array)
                    {
                        stack.Push((child, depth + 1));
                    }

                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    length += value.GetValue<string>().Length + 2;
                    break;
                default:
                    length += 8;
                    break;
            }

            if (length > limits.MaxSchemaLength)
            {
                throw SizeError($"the schema is longer than {limits.MaxSchemaLength} characters (GrammarLimits.MaxSchemaLength)");
            }
        }
    }

    private static void ThrowIfTooDeep(int depth, GrammarLimits limits)
    {
        if (depth > limits.MaxSchemaDepth)
        {
            throw DepthError(limits, string.Empty);
        }
    }

    private static GrammarConversionException DepthError(GrammarLimits limits, string where) =>
        new($"the schema nests deeper than {limits.MaxSchemaDepth} levels of JSON{where} (GrammarLimits.MaxSchemaDepth); flatten it, for example with $defs and $ref", "schema", string.Empty);

    private static GrammarConversionException SizeError(string problem) =>
        new($"{problem}; make it smaller", "schema", string.Empty);
}
