using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Which JSON types a combinator-free schema produces and which it accepts. They differ: like
/// llama.cpp, a schema with <c>properties</c> but no <c>type</c> generates only objects, though a
/// validator would also accept, say, a string.
/// </summary>
internal static class SchemaTypes
{
    public static IReadOnlyList<string> All { get; } = ["object", "array", "string", "number", "integer", "boolean", "null"];

    public static List<string> Generated(JsonObject schema)
    {
        if (schema["type"] is JsonArray declared)
        {
            return declared.Select(t => t!.GetValue<string>()).ToList();
        }

        var inferred = new List<string>();
        if (schema.Any(p => SchemaKeywords.ObjectKeywords.Contains(p.Key)))
        {
            inferred.Add("object");
        }

        if (schema.Any(p => SchemaKeywords.ArrayKeywords.Contains(p.Key)))
        {
            inferred.Add("array");
        }

        if (schema.Any(p => SchemaKeywords.StringKeywords.Contains(p.Key)))
        {
            inferred.Add("string");
        }

        if (schema.Any(p => SchemaKeywords.NumberKeywords.Contains(p.Key)))
        {
            inferred.Add("number");
        }

        if (inferred.Count == 0 && schema["enum"] is JsonArray values)
        {
            inferred.AddRange(values.SelectMany(SchemaKeywords.KindsOf).Where(k => k != "integer").Distinct(StringComparer.Ordinal));
        }

        return inferred.Count == 0 ? [.. All] : inferred;
    }

    /// <summary>The kinds a validator accepts, with integer folded into number.</summary>
    public static HashSet<string> Accepted(JsonObject schema)
    {
        var kinds = schema["type"] is JsonArray declared
            ? declared.Select(t => Fold(t!.GetValue<string>())).ToHashSet(StringComparer.Ordinal)
            : All.Select(Fold).ToHashSet(StringComparer.Ordinal);
        if (schema["enum"] is JsonArray values)
        {
            kinds.IntersectWith(values.SelectMany(SchemaKeywords.KindsOf).Select(Fold));
        }

        return kinds;
    }

    public static string Fold(string type) => type == "integer" ? "number" : type;
}
