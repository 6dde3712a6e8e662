using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Copies a schema's constraint keywords into one canonical spelling across drafts: <c>const</c>
/// becomes a one-value <c>enum</c>, draft-4 boolean exclusive bounds become numeric ones, and
/// draft 2019 tuple <c>items</c>/<c>additionalItems</c> become <c>prefixItems</c>/<c>items</c>.
/// </summary>
internal static class SchemaNormalizer
{
    public static JsonObject Normalize(JsonObject schema, string path)
    {
        var result = new JsonObject();
        foreach (var (keyword, value) in schema)
        {
            if (SchemaKeywords.IsSupported(keyword) && !SchemaKeywords.Combinators.Contains(keyword))
            {
                result[keyword] = value?.DeepClone();
            }
        }

        ValidateType(result, path);
        ValidateShapes(result, path);
        NormalizeConst(result, path);
        NormalizeBooleanBound(result, "exclusiveMinimum", "minimum", path);
        NormalizeBooleanBound(result, "exclusiveMaximum", "maximum", path);
        NormalizeTupleItems(result, path);
        if (result["uniqueItems"] is JsonValue unique && unique.GetValueKind() == JsonValueKind.True)
        {
            if (SchemaKeywords.Count(result, "maxItems", path) is not <= 1)
            {
                throw SchemaKeywords.Error("uniqueItems", path, "'uniqueItems: true' cannot be enforced by a grammar; remove it or use an enum of distinct values with maxItems 1");
            }
        }

        if (result["required"] is { } required
            && (required is not JsonArray list || list.Any(n => n is not JsonValue v || v.GetValueKind() != JsonValueKind.String)))
        {
            throw SchemaKeywords.Error("required", path, "'required' must be an array of property names");
        }

        return result;
    }

    private static void ValidateType(JsonObject schema, string path)
    {
        if (!schema.TryGetPropertyValue("type", out var type))
        {
            return;
        }

        var names = type switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
            JsonArray a when a.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String) => a.Select(n => n!.GetValue<string>()).ToList(),
            _ => throw SchemaKeywords.Error("type", path, "'type' must be a type name or an array of type names"),
        };
        foreach (var name in names)
        {
            if (!SchemaKeywords.TypeNames.Contains(name))
            {
                throw SchemaKeywords.Error("type", path, $"unknown type '{name}'; use one of {string.Join(", ", SchemaKeywords.TypeNames.Order(StringComparer.Ordinal))}");
            }
        }

        schema["type"] = new JsonArray([.. names.Distinct(StringComparer.Ordinal).Select(n => (JsonNode)JsonValue.Create(n))]);
    }

    private static void ValidateShapes(JsonObject schema, string path)
    {
        foreach (var keyword in new[] { "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties" })
        {
            SchemaKeywords.Count(schema, keyword, path);
        }

        foreach (var keyword in new[] { "minimum", "maximum" })
        {
            SchemaKeywords.NumberAsDouble(schema, keyword, path);
        }

        foreach (var keyword in new[] { "exclusiveMinimum", "exclusiveMaximum" })
        {
            if (schema[keyword] is not JsonValue { } flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                SchemaKeywords.NumberAsDouble(schema, keyword, path);
            }
        }

        SchemaKeywords.Object(schema, "properties", path);
        SchemaKeywords.String(schema, "pattern", path);
        SchemaKeywords.String(schema, "format", path);
        foreach (var keyword in new[] { "additionalProperties", "items", "additionalItems" })
        {
            if (schema.TryGetPropertyValue(keyword, out var node) && node is not JsonObject
                && !(node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                && !(keyword == "items" && node is JsonArray))
            {
                throw SchemaKeywords.Error(keyword, path, $"'{keyword}' must be a schema (an object, true or false)");
            }
        }

        if (schema["uniqueItems"] is { } unique && unique.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw SchemaKeywords.Error("uniqueItems", path, "'uniqueItems' must be true or false");
        }
    }

    private static void NormalizeConst(JsonObject schema, string path)
    {
        if (schema.TryGetPropertyValue("enum", out var values) && values is not JsonArray)
        {
            throw SchemaKeywords.Error("enum", path, "'enum' must be an array of values");
        }

        if (!schema.TryGetPropertyValue("const", out var constant))
        {
            return;
        }

        schema.Remove("const");
        var list = values is JsonArray array
            ? array.Where(v => JsonNode.DeepEquals(v, constant)).Select(v => v?.DeepClone()).ToArray()
            : [constant?.DeepClone()];
        schema["enum"] = new JsonArray(list);
    }

    private static void NormalizeBooleanBound(JsonObject schema, string exclusiveKeyword, string boundKeyword, string path)
    {
        if (schema[exclusiveKeyword] is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return;
        }

        schema.Remove(exclusiveKeyword);
        if (flag.GetValueKind() == JsonValueKind.True)
        {
            if (!schema.TryGetPropertyValue(boundKeyword, out var bound))
            {
                throw SchemaKeywords.Error(exclusiveKeyword, path, $"'{exclusiveKeyword}: true' needs a '{boundKeyword}' to apply to");
            }

            schema.Remove(boundKeyword);
            schema[exclusiveKeyword] = bound;
        }
    }

    private static void NormalizeTupleItems(JsonObject schema, string path)
    {
        if (schema["items"] is JsonArray tuple)
        {
            if (schema.ContainsKey("prefixItems"))
            {
                throw SchemaKeywords.Error("items", path, "use either 'prefixItems' or an 'items' array, not both");
            }

            schema.Remove("items");
            schema["prefixItems"] = tuple.DeepClone();
            if (schema.TryGetPropertyValue("additionalItems", out var additional))
            {
                schema.Remove("additionalItems");
                schema["items"] = additional;
            }
        }
        else
        {
            // Without a tuple, additionalItems has no effect.
            schema.Remove("additionalItems");
        }

        if (schema.ContainsKey("prefixItems"))
        {
            SchemaKeywords.Array(schema, "prefixItems", path);
        }
    }
}
