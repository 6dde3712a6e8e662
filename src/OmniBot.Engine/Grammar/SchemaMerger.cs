using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Intersects two combinator-free schemas (the <c>allOf</c> of both) keyword by keyword. Returns
/// null when no value can satisfy both (disjoint types or enums).
/// </summary>
internal static class SchemaMerger
{
    private static readonly HashSet<string> Lower = ["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum"];
    private static readonly HashSet<string> Upper = ["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"];
    private static readonly HashSet<string> Structural = ["properties", "additionalProperties", "prefixItems", "items"];

    public static JsonObject? Merge(JsonObject a, JsonObject b, string path)
    {
        var result = (JsonObject)a.DeepClone();
        foreach (var (keyword, right) in b)
        {
            if (Structural.Contains(keyword))
            {
                continue;
            }

            if (!result.TryGetPropertyValue(keyword, out var left))
            {
                result[keyword] = right?.DeepClone();
                continue;
            }

            switch (keyword)
            {
                case "type":
                    var types = IntersectTypes(Names(left), Names(right));
                    if (types.Count == 0)
                    {
                        return null;
                    }

                    result["type"] = new JsonArray([.. types.Select(t => (JsonNode)JsonValue.Create(t))]);
                    break;
                case "enum":
                    var common = JsonValueKey.Common((JsonArray)left!, (JsonArray)right!).Select(v => v?.DeepClone()).ToArray();
                    if (common.Length == 0)
                    {
                        return null;
                    }

                    result["enum"] = new JsonArray(common);
                    break;
                case "required":
                    result["required"] = new JsonArray([.. Names(left).Union(Names(right), StringComparer.Ordinal).Select(n => (JsonNode)JsonValue.Create(n))]);
                    break;
                case "uniqueItems":
                    result[keyword] = left!.GetValueKind() == JsonValueKind.True || right!.GetValueKind() == JsonValueKind.True;
                    break;
                case var _ when Lower.Contains(keyword):
                    result[keyword] = (Compare(left, right) >= 0 ? left : right)!.DeepClone();
                    break;
                case var _ when Upper.Contains(keyword):
                    result[keyword] = (Compare(left, right) <= 0 ? left : right)!.DeepClone();
                    break;
                default:
                    if (!JsonNode.DeepEquals(left, right))
                    {
                        throw SchemaKeywords.Error(keyword, path, $"allOf combines two different '{keyword}' values, which a grammar cannot intersect; keep one");
                    }

                    break;
            }
        }

        MergeProperties(a, b, result);
        MergeItems(a, b, result);
        return result;
    }

    /// <summary>Both schemas at once: true when either is trivially true, false when either is false.</summary>
    public static JsonNode? AllOf(JsonNode? a, JsonNode? b)
    {
        if (IsTrue(a))
        {
            return b?.DeepClone();
        }

        if (IsTrue(b))
        {
            return a?.DeepClone();
        }

        if (IsFalse(a) || IsFalse(b))
        {
            return false;
        }

        return JsonNode.DeepEquals(a, b) ? a!.DeepClone() : new JsonObject { ["allOf"] = new JsonArray(a!.DeepClone(), b!.DeepClone()) };
    }

    public static bool IsTrue(JsonNode? schema) =>
        schema is null || schema is JsonObject { Count: 0 } || (schema is JsonValue v && v.GetValueKind() == JsonValueKind.True);

    public static bool IsFalse(JsonNode? schema) => schema is JsonValue v && v.GetValueKind() == JsonValueKind.False;

    private static void MergeProperties(JsonObject a, JsonObject b, JsonObject result)
    {
        var aProperties = a["properties"] as JsonObject;
        var bProperties = b["properties"] as JsonObject;
        var aAdditional = a["additionalProperties"];
        var bAdditional = b["additionalProperties"];
        var names = (aProperties?.Select(p => p.Key) ?? []).Union(bProperties?.Select(p => p.Key) ?? [], StringComparer.Ordinal).ToList();
        if (names.Count > 0)
        {
            var merged = new JsonObject();
            foreach (var name in names)
            {
                // A name one side does not list falls under that side's additionalProperties.
                merged[name] = AllOf(Effective(aProperties, name, aAdditional), Effective(bProperties, name, bAdditional));
            }

            result["properties"] = merged;
        }

        var additional = a.ContainsKey("additionalProperties") && b.ContainsKey("additionalProperties")
            ? AllOf(aAdditional, bAdditional)
            : (a.ContainsKey("additionalProperties") ? aAdditional : bAdditional)?.DeepClone();
        if (a.ContainsKey("additionalProperties") || b.ContainsKey("additionalProperties"))
        {
            result["additionalProperties"] = additional ?? true;
        }
    }

    private static JsonNode? Effective(JsonObject? properties, string name, JsonNode? additional) =>
        properties is not null && properties.TryGetPropertyValue(name, out var own) ? own : additional;

    private static void MergeItems(JsonObject a, JsonObject b, JsonObject result)
    {
        var aPrefix = a["prefixItems"] as JsonArray;
        var bPrefix = b["prefixItems"] as JsonArray;
        var count = Math.Max(aPrefix?.Count ?? 0, bPrefix?.Count ?? 0);
        if (count > 0)
        {
            var merged = new JsonArray();
            for (var i = 0; i < count; i++)
            {
                merged.Add(AllOf(ItemAt(aPrefix, i, a["items"]), ItemAt(bPrefix, i, b["items"])) ?? true);
            }

            result["prefixItems"] = merged;
        }

        if (a.ContainsKey("items") && b.ContainsKey("items"))
        {
            result["items"] = AllOf(a["items"], b["items"]) ?? true;
        }
        else if (a.ContainsKey("items") || b.ContainsKey("items"))
        {
            result["items"] = (a.ContainsKey("items") ? a["items"] : b["items"])?.DeepClone();
        }
    }

    private static JsonNode? ItemAt(JsonArray? prefix, int index, JsonNode? items) =>
        prefix is not null && index < prefix.Count ? prefix[index] : items;

    private static List<string> Names(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n!.GetValue<string>()).ToList(),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };

    private static List<string> IntersectTypes(List<string> a, List<string> b)
    {
        var result = new List<string>();
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                if (x == y)
                {
                    result.Add(x);
                }
                else if ((x, y) is ("integer", "number") or ("number", "integer"))
                {
                    result.Add("integer");
                }
            }
        }

        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    private static int Compare(JsonNode? a, JsonNode? b) =>
        double.Parse(a!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            .CompareTo(double.Parse(b!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture));
}
