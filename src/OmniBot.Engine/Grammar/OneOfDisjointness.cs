using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// <c>oneOf</c> requires a value to match exactly one branch, but a grammar can only offer the
/// branches as alternatives. That is exact only when no value produced from one branch also
/// validates against another, so this proves the branches apart (by type, enum values, numeric
/// ranges, string lengths or an object discriminator) or refuses the schema.
/// </summary>
internal static class OneOfDisjointness
{
    private const int MaxDepth = 4;

    public static void ThrowIfOverlapping(List<List<SchemaAlternative>> branches, SchemaCombiner combiner, string path)
    {
        for (var i = 0; i < branches.Count; i++)
        {
            for (var j = i + 1; j < branches.Count; j++)
            {
                foreach (var x in branches[i])
                {
                    foreach (var y in branches[j])
                    {
                        if (!Disjoint(x, y, combiner, 0))
                        {
                            throw SchemaKeywords.Error("oneOf", path,
                                $"branches {i} and {j} can match the same value, which oneOf forbids; make them distinguishable "
                                + "(different types, disjoint enums or ranges, a required property with different const values, "
                                + "or additionalProperties: false) or use anyOf");
                        }
                    }
                }
            }
        }
    }

    private static bool Disjoint(SchemaAlternative x, SchemaAlternative y, SchemaCombiner combiner, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        if (x.Reference is { } xr)
        {
            return combiner.ExpandReference(xr, x.Path, depth).All(a => Disjoint(a, y, combiner, depth + 1));
        }

        if (y.Reference is { } yr)
        {
            return combiner.ExpandReference(yr, y.Path, depth).All(b => Disjoint(x, b, combiner, depth + 1));
        }

        return Excludes(x.Schema, y.Schema) && Excludes(y.Schema, x.Schema);
    }

    /// <summary>True when nothing generated from <paramref name="from"/> validates against <paramref name="other"/>.</summary>
    private static bool Excludes(JsonObject from, JsonObject other)
    {
        var accepted = SchemaTypes.Accepted(other);
        if (from["enum"] is JsonArray values)
        {
            if (other["enum"] is JsonArray otherValues)
            {
                return !JsonValueKey.Overlap(values, otherValues);
            }

            return values.All(v => !SchemaKeywords.KindsOf(v).Select(SchemaTypes.Fold).Any(accepted.Contains));
        }

        var overlap = SchemaTypes.Generated(from).Select(SchemaTypes.Fold).Where(accepted.Contains).Distinct(StringComparer.Ordinal);
        return overlap.All(kind => kind switch
        {
            "object" => ObjectsExcluded(from, other),
            "number" => Separated(Bound(from, "minimum", "exclusiveMinimum"), Bound(from, "maximum", "exclusiveMaximum"), Bound(other, "minimum", "exclusiveMinimum"), Bound(other, "maximum", "exclusiveMaximum")),
            "string" => Separated(Bound(from, "minLength", null), Bound(from, "maxLength", null), Bound(other, "minLength", null), Bound(other, "maxLength", null)),
            _ => false,
        });
    }

    private static bool ObjectsExcluded(JsonObject from, JsonObject other)
    {
        var fromProperties = from["properties"] as JsonObject ?? [];
        var otherProperties = other["properties"] as JsonObject ?? [];
        var fromRequired = Required(from);
        foreach (var name in fromRequired)
        {
            var otherSchema = otherProperties.TryGetPropertyValue(name, out var s) ? s : other["additionalProperties"];
            if (SchemaMerger.IsFalse(otherSchema))
            {
                return true;
            }

            if (fromProperties[name]?["enum"] is JsonArray mine && otherSchema?["enum"] is JsonArray theirs
                && !JsonValueKey.Overlap(mine, theirs))
            {
                return true;
            }
        }

        // Like llama.cpp, a schema listing properties without additionalProperties generates no others.
        var fromAddsExtras = from.TryGetPropertyValue("additionalProperties", out var extra)
            ? !SchemaMerger.IsFalse(extra)
            : fromProperties.Count == 0 && fromRequired.Count == 0;
        return !fromAddsExtras && Required(other).Any(name =>
            !fromRequired.Contains(name) && (!fromProperties.TryGetPropertyValue(name, out var own) || SchemaMerger.IsFalse(own)));
    }

    private static HashSet<string> Required(JsonObject schema) =>
        (schema["required"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    private static (double Value, bool Exclusive)? Bound(JsonObject schema, string inclusive, string? exclusive)
    {
        var bound = schema[inclusive] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? ((double, bool)?)(Parse(v), false) : null;
        if (exclusive is not null && schema[exclusive] is JsonValue e && e.GetValueKind() == JsonValueKind.Number)
        {
            var value = Parse(e);
            var isLower = inclusive.StartsWith("min", StringComparison.Ordinal);
            if (bound is null || (isLower ? value >= bound.Value.Item1 : value <= bound.Value.Item1))
            {
                bound = (value, true);
            }
        }

        return bound;
    }

    private static double Parse(JsonValue value) => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool Separated((double Value, bool Exclusive)? fromLow, (double Value, bool Exclusive)? fromHigh, (double Value, bool Exclusive)? otherLow, (double Value, bool Exclusive)? otherHigh) =>
        Below(fromHigh, otherLow) || Below(otherHigh, fromLow);

    private static bool Below((double Value, bool Exclusive)? high, (double Value, bool Exclusive)? low) =>
        high is { } h && low is { } l && (h.Value < l.Value || (h.Value == l.Value && (h.Exclusive || l.Exclusive)));
}
