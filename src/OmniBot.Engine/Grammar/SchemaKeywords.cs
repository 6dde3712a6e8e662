using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>The keywords the converter knows, and typed readers for their values.</summary>
internal static class SchemaKeywords
{
    /// <summary>Keywords that describe but never constrain, so they are skipped.</summary>
    public static FrozenSet<string> Annotations { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "title", "description", "examples", "$schema", "$id", "$comment", "default", "deprecated", "readOnly", "writeOnly");

    /// <summary>Places that hold schemas for <c>$ref</c> without constraining anything themselves.</summary>
    public static FrozenSet<string> Containers { get; } = FrozenSet.Create(StringComparer.Ordinal, "$defs", "definitions");

    public static FrozenSet<string> Combinators { get; } = FrozenSet.Create(StringComparer.Ordinal, "allOf", "anyOf", "oneOf", "$ref");

    public static FrozenSet<string> ObjectKeywords { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "properties", "required", "additionalProperties", "minProperties", "maxProperties");

    public static FrozenSet<string> ArrayKeywords { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems");

    public static FrozenSet<string> StringKeywords { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "minLength", "maxLength", "pattern", "format");

    public static FrozenSet<string> NumberKeywords { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");

    public static FrozenSet<string> ValueKeywords { get; } = FrozenSet.Create(StringComparer.Ordinal, "type", "enum", "const");

    public static FrozenSet<string> TypeNames { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "null", "boolean", "integer", "number", "string", "array", "object");

    public static bool IsSupported(string keyword) =>
        Combinators.Contains(keyword) || ObjectKeywords.Contains(keyword) || ArrayKeywords.Contains(keyword)
        || StringKeywords.Contains(keyword) || NumberKeywords.Contains(keyword) || ValueKeywords.Contains(keyword);

    public static string Child(string path, string segment) =>
        path + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Child(string path, string segment, int index) =>
        Child(path, segment) + "/" + index.ToString(CultureInfo.InvariantCulture);

    public static GrammarConversionException Error(string keyword, string path, string problem) => new(problem, keyword, path);

    /// <summary>A non-negative integer keyword such as <c>maxLength</c>, or null when absent.</summary>
    public static int? Count(JsonObject schema, string keyword, string path)
    {
        if (!schema.TryGetPropertyValue(keyword, out var node))
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number >= 0 && number == decimal.Truncate(number))
        {
            return number > int.MaxValue ? int.MaxValue : (int)number;
        }

        throw Error(keyword, path, $"'{keyword}' must be a non-negative integer");
    }

    /// <summary>A numeric keyword, or null when absent. Values too large for decimal come back as ±infinity.</summary>
    public static double? NumberAsDouble(JsonObject schema, string keyword, string path)
    {
        if (!schema.TryGetPropertyValue(keyword, out var node))
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        throw Error(keyword, path, $"'{keyword}' must be a number");
    }

    public static decimal? Number(JsonObject schema, string keyword, string path)
    {
        if (NumberAsDouble(schema, keyword, path) is null)
        {
            return null;
        }

        var text = schema[keyword]!.ToJsonString();
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error(keyword, path, $"'{keyword}' {text} is outside the range a grammar can express");
    }

    public static string? String(JsonObject schema, string keyword, string path)
    {
        if (!schema.TryGetPropertyValue(keyword, out var node))
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw Error(keyword, path, $"'{keyword}' must be a string");
    }

    public static JsonArray? Array(JsonObject schema, string keyword, string path)
    {
        if (!schema.TryGetPropertyValue(keyword, out var node))
        {
            return null;
        }

        return node as JsonArray ?? throw Error(keyword, path, $"'{keyword}' must be an array");
    }

    public static JsonObject? Object(JsonObject schema, string keyword, string path)
    {
        if (!schema.TryGetPropertyValue(keyword, out var node))
        {
            return null;
        }

        return node as JsonObject ?? throw Error(keyword, path, $"'{keyword}' must be an object");
    }

    /// <summary>The JSON types a value has, for matching enum values against <c>type</c>.</summary>
    public static IEnumerable<string> KindsOf(JsonNode? value)
    {
        switch (value?.GetValueKind() ?? JsonValueKind.Null)
        {
            case JsonValueKind.Null:
                yield return "null";
                break;
            case JsonValueKind.True or JsonValueKind.False:
                yield return "boolean";
                break;
            case JsonValueKind.String:
                yield return "string";
                break;
            case JsonValueKind.Array:
                yield return "array";
                break;
            case JsonValueKind.Object:
                yield return "object";
                break;
            default:
                yield return "number";
                if (decimal.TryParse(value!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d))
                {
                    yield return "integer";
                }

                break;
        }
    }
}
