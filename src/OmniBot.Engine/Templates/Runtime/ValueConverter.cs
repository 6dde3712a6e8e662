using System.Collections;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Runtime;

/// <summary>
/// Turns caller values (.NET primitives, dictionaries, lists, <see cref="JsonElement"/>, <see cref="JsonNode"/>) into
/// template values the way Python's <c>json.load</c> would hand them to Jinja: JSON integers stay ints, other numbers
/// become floats, object key order is kept. Strings can be marked as caller content.
/// Values come from requests, so nesting is bounded (the walk recurses) and the path for an error message is only
/// spelled out when one is thrown (building it per level would be quadratic in the depth and key length).
/// </summary>
internal static class ValueConverter
{
    /// <summary>How deeply a variable's lists and dictionaries may nest; far beyond any chat message or tool schema.</summary>
    public const int MaxDepth = 256;

    public static object? FromDotNet(object? value, bool asContent, string path) => Convert(value, asContent, ValuePath.Root(path), 0);

    public static object? FromJson(JsonElement element, bool asContent, string path = "$") => ConvertJson(element, asContent, ValuePath.Root(path), 0);

    private static void CheckDepth(ValuePath path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException(
                $"Template variable '{path}' nests lists or objects more than {MaxDepth} levels deep; flatten it (is there a cycle?).",
                path.RootName);
        }
    }

    private static object? Convert(object? value, bool asContent, ValuePath path, int depth)
    {
        CheckDepth(path, depth);

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
                    items.Add(Convert(item, asContent, path.Index(index++), depth + 1));
                }

                return new PyList([.. items]);
            default:
                throw new ArgumentException(
                    $"Template variable '{path}' is a {value.GetType().Name}, which a template cannot use; pass strings, numbers, booleans, null, lists, dictionaries or JSON.",
                    path.RootName);
        }
    }

    private static PyDict Dictionary(IEnumerable<KeyValuePair<object?, object?>> pairs, bool asContent, ValuePath path, int depth)
    {
        var result = new PyDict();
        foreach (var (key, item) in pairs)
        {
            var convertedKey = Convert(key, asContent, path, depth + 1);
            if (!PyOps.IsHashable(convertedKey))
            {
                throw new ArgumentException($"Template variable '{path}' has a dictionary key that is a list or dictionary.", path.RootName);
            }

            result.Set(convertedKey, Convert(item, asContent, path.Key(key), depth + 1));
        }

        return result;
    }

    private static object? ConvertJson(JsonElement element, bool asContent, ValuePath path, int depth)
    {
        CheckDepth(path, depth);

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new PyDict();
                foreach (var property in element.EnumerateObject())
                {
                    dict.Set(Text(property.Name, asContent), ConvertJson(property.Value, asContent, path.Key(property.Name), depth + 1));
                }

                return dict;
            case JsonValueKind.Array:
                var items = new List<object?>(element.GetArrayLength());
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(ConvertJson(item, asContent, path.Index(index++), depth + 1));
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

    private static object? ConvertNode(JsonNode node, bool asContent, ValuePath path, int depth)
    {
        CheckDepth(path, depth);
        switch (node)
        {
            case JsonObject obj:
                var dict = new PyDict();
                foreach (var (name, child) in obj)
                {
                    dict.Set(Text(name, asContent), child is null ? null : ConvertNode(child, asContent, path.Key(name), depth + 1));
                }

                return dict;
            case JsonArray array:
                var items = new List<object?>(array.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    items.Add(array[i] is { } child ? ConvertNode(child, asContent, path.Index(i), depth + 1) : null);
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

    /// <summary>Where a value sits inside a variable, as a chain to its parent; spelled out only for an error.</summary>
    private sealed class ValuePath
    {
        private const int MaxShownKeyLength = 40;
        private const int MaxShownSegments = 12;

        private readonly ValuePath? _parent;
        private readonly object? _segment;

        private ValuePath(ValuePath? parent, object? segment, string rootName)
        {
            _parent = parent;
            _segment = segment;
            RootName = rootName;
        }

        public string RootName { get; }

        public static ValuePath Root(string name) => new(null, name, name);

        public ValuePath Index(int index) => new(this, index, RootName);

        public ValuePath Key(object? key) => new(this, key, RootName);

        public override string ToString()
        {
            var segments = new List<object?>();
            for (var at = this; at is not null; at = at._parent)
            {
                segments.Add(at._segment);
            }

            segments.Reverse();
            var text = new StringBuilder();
            for (var i = 0; i < segments.Count; i++)
            {
                if (i == MaxShownSegments / 2 && segments.Count > MaxShownSegments)
                {
                    text.Append("...");
                    i = segments.Count - (MaxShownSegments / 2);
                }

                var segment = segments[i];
                if (i == 0)
                {
                    text.Append(Shorten(segment?.ToString() ?? ""));
                }
                else if (segment is int index)
                {
                    text.Append('[').Append(index).Append(']');
                }
                else
                {
                    text.Append('.').Append(Shorten(segment?.ToString() ?? "None"));
                }
            }

            return text.ToString();
        }

        private static string Shorten(string name) => name.Length <= MaxShownKeyLength ? name : name[..MaxShownKeyLength] + "...";
    }
}
