using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// A text key equal for JSON values that are equal as JSON (numbers by value, object members in
/// any order), so enum lists are compared through hash sets in linear time instead of pairwise.
/// </summary>
internal static class JsonValueKey
{
    public static HashSet<string> Of(JsonArray values) => values.Select(Of).ToHashSet(StringComparer.Ordinal);

    /// <summary>Values of <paramref name="values"/> that also appear in <paramref name="other"/>, in order.</summary>
    public static IEnumerable<JsonNode?> Common(JsonArray values, JsonArray other)
    {
        var keys = Of(other);
        return values.Where(v => keys.Contains(Of(v)));
    }

    public static bool Overlap(JsonArray values, JsonArray other)
    {
        var keys = Of(other);
        return values.Any(v => keys.Contains(Of(v)));
    }

    // Recursion follows the schema's JSON nesting, which the size check bounds.
    public static string Of(JsonNode? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, JsonNode? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                foreach (var (key, child) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(JsonSerializer.Serialize(key)).Append(':');
                    Append(builder, child);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                foreach (var child in array)
                {
                    Append(builder, child);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            case JsonValue number when number.GetValueKind() == JsonValueKind.Number:
                var text = number.ToJsonString();
                builder.Append(decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
                    ? (exact / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture)
                    : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(value.ToJsonString());
                break;
        }
    }
}
