using System.Collections;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Runtime;

/// <summary>
/// Turns caller values (.NET primitives, dictionaries, lists, <see cref="JsonElement"/>, <see cref="JsonNode"/>) into
/// template values the way Python's <c>json.load</c> would hand them to Jinja: JSON integers stay ints, other numbers
/// become floats, object key order is kept. Strings can be marked as caller content.
/// </summary>
internal static class ValueConverter
{
    private const int MaxDepth = 256;

    public static object? FromDotNet(object? value, bool asContent, string path) => Convert(value, asContent, path, 0);

    public static object? FromJson(JsonElement element, bool asContent) => ConvertJson(element, asContent, "$", 0);

    private static object? Convert(object? value, bool asContent, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"Template variable '{path}' nests more than {MaxDepth} levels deep; is there a cycle?", nameof(value));
        }

        switch (value)
        {
            case null:
                return null;
            case string text:
                return Text(text, asContent);
            case char c:
                return Text(c.ToString(), asContent);
            case bool b:
                return b;
            case sbyte or byte or short or ushort or int or uint or long:
                return System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            case ulong big:
                return PyOps.Integer(big);
            case BigInteger integer:
                return PyOps.Integer(integer);
            case float or double or decimal or Half:
                return System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            case Enum e:
                return Text(e.ToString(), asContent);
            case JsonElement element:
                return ConvertJson(element, asContent, path, depth);
            case JsonNode node:
                return ConvertNode(node, asContent, path, depth);
            case IReadOnlyDictionary<string, object?> readOnly:
                return Dictionary(readOnly.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value)), asContent, path, depth);
            case IDictionary<string, object?> dictionary:
                return Dictionary(dictionary.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value)), asContent, path, depth);
            case IDictionary legacy:
                return Dictionary(legacy.Cast<DictionaryEntry>().Select(e => new KeyValuePair<object?, object?>(e.Key, e.Value)), asContent, path, depth);
            case IEnumerable sequence:
                var items = new List<object?>();
                var index = 0;
                foreach (var item in sequence)
                {
                    items.Add(Convert(item, asContent, $"{path}[{index++}]", depth + 1));
                }

                return new PyList([.. items]);
            default:
                throw new ArgumentException(
                    $"Template variable '{path}' is a {value.GetType().Name}, which a template cannot use; pass strings, numbers, booleans, null, lists, dictionaries or JSON.",
                    nameof(value));
        }
    }

    private static PyDict Dictionary(IEnumerable<KeyValuePair<object?, object?>> pairs, bool asContent, string path, int depth)
    {
        var result = new PyDict();
        foreach (var (key, item) in pairs)
        {
            var convertedKey = Convert(key, asContent, path, depth + 1);
            if (!PyOps.IsHashable(convertedKey))
            {
                throw new ArgumentException($"Template variable '{path}' has a dictionary key that is a list or dictionary.", nameof(pairs));
            }

            result.Set(convertedKey, Convert(item, asContent, $"{path}.{key}", depth + 1));
        }

        return result;
    }

    private static object? ConvertJson(JsonElement element, bool asContent, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"Template variable '{path}' nests more than {MaxDepth} levels deep.", nameof(element));
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new PyDict();
                foreach (var property in element.EnumerateObject())
                {
                    dict.Set(Text(property.Name, asContent), ConvertJson(property.Value, asContent, $"{path}.{property.Name}", depth + 1));
                }

                return dict;
            case JsonValueKind.Array:
                var items = new List<object?>(element.GetArrayLength());
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(ConvertJson(item, asContent, $"{path}[{index++}]", depth + 1));
                }

                return new PyList([.. items]);
            case JsonValueKind.String:
                return Text(element.GetString()!, asContent);
            case JsonValueKind.Number:
                return Number(element.GetRawText());
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private static object? ConvertNode(JsonNode node, bool asContent, string path, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
                var dict = new PyDict();
                foreach (var (name, child) in obj)
                {
                    dict.Set(Text(name, asContent), child is null ? null : ConvertNode(child, asContent, $"{path}.{name}", depth + 1));
                }

                return dict;
            case JsonArray array:
                var items = new List<object?>(array.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    items.Add(array[i] is { } child ? ConvertNode(child, asContent, $"{path}[{i}]", depth + 1) : null);
                }

                return new PyList([.. items]);
            default:
                var value = (JsonValue)node;
                if (value.TryGetValue<JsonElement>(out var element))
                {
                    return ConvertJson(element, asContent, path, depth);
                }

                return Convert(value.GetValue<object>(), asContent, path, depth + 1);
        }
    }

    /// <summary>Python's <c>json</c> number rule: an integer literal becomes an int, anything with a fraction or exponent a float.</summary>
    private static object Number(string raw)
    {
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            return PyOps.Integer(BigInteger.Parse(raw, System.Globalization.CultureInfo.InvariantCulture));
        }

        return double.Parse(raw, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static PyStr Text(string text, bool asContent) => asContent ? PyStr.FromContent(text) : PyStr.Of(text);
}
