using System.Text.Json;

namespace OmniBot.Api;

/// <summary>
/// Finds strings in a request body that are not Unicode text: bytes that are not UTF-8, or escapes of lone
/// surrogates (<c>"\ud800"</c>). JSON's grammar allows both, so the parser accepts them and only reading the string
/// fails later, deep inside whatever handles it; checking once on entry turns them into a 400 that names the field.
/// </summary>
internal static class JsonTextValidator
{
    /// <summary>The path (<c>messages[0].content</c>) of the first string or property name that is not valid text, or null.</summary>
    /// <remarks>Paths are built only on a second walk, once an invalid string is known to exist: almost every body is valid.</remarks>
    public static string? FindInvalidText(JsonElement root) => Walk(root, withPaths: false) is null ? null : Walk(root, withPaths: true);

    private static string? Walk(JsonElement root, bool withPaths)
    {
        var pending = new Stack<(JsonElement Element, string Path)>();
        pending.Push((root, string.Empty));
        while (pending.TryPop(out var item))
        {
            switch (item.Element.ValueKind)
            {
                case JsonValueKind.String when !IsText(item.Element):
                    return item.Path.Length == 0 ? "body" : item.Path;
                case JsonValueKind.Object:
                    foreach (var property in item.Element.EnumerateObject())
                    {
                        if (!TryGetName(property, out var name))
                        {
                            return (item.Path.Length == 0 ? string.Empty : item.Path + ".") + "(a property name)";
                        }

                        pending.Push((property.Value, !withPaths ? string.Empty : item.Path.Length == 0 ? name : $"{item.Path}.{name}"));
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var element in item.Element.EnumerateArray())
                    {
                        pending.Push((element, withPaths ? $"{item.Path}[{index++}]" : string.Empty));
                    }

                    break;
            }
        }

        return null;
    }

    private static bool IsText(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = string.Empty;
            return false;
        }
    }
}
