using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Engine.Grammar;

/// <summary>Compact JSON text for <c>enum</c>/<c>const</c> values, strings in their canonical encoding.</summary>
internal static class JsonLiteralText
{
    public static string Write(JsonNode? value)
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
                var first = true;
                foreach (var (key, child) in obj)
                {
                    builder.Append(first ? string.Empty : ",").Append('"').Append(JsonStringFragments.EncodeString(key)).Append("\":");
                    Append(builder, child);
                    first = false;
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ",");
                    Append(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                builder.Append('"').Append(JsonStringFragments.EncodeString(scalar.GetValue<string>())).Append('"');
                break;
            default:
                builder.Append(value.ToJsonString());
                break;
        }
    }
}
