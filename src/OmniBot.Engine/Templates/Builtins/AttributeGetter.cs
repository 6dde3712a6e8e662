using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>Jinja's <c>make_attrgetter</c>: <c>"a.b.0"</c> walks items (<c>x['a']['b'][0]</c>) through the sandbox.</summary>
internal static class AttributeGetter
{
    public static Func<object?, object?> Create(object? attribute, Func<object?, object?>? postprocess = null, object? defaultValue = null)
    {
        var parts = Parts(attribute);
        return item =>
        {
            foreach (var part in parts)
            {
                item = PyAccess.GetItem(item, part);
                if (defaultValue is not null && item is Undefined)
                {
                    item = defaultValue;
                }
            }

            return postprocess is null ? item : postprocess(item);
        };
    }

    /// <summary>Jinja's <c>make_multi_attrgetter</c>: <c>"a,b"</c> gives a list of keys, for sorting by several attributes.</summary>
    public static Func<object?, object?> CreateMulti(object? attribute, Func<object?, object?>? postprocess)
    {
        var groups = attribute is PyStr text
            ? text.Value.Split(',').Select(part => Parts(new PyStr(part))).ToList()
            : [Parts(attribute)];
        return item =>
        {
            var keys = new object?[groups.Count];
            for (var i = 0; i < groups.Count; i++)
            {
                var value = item;
                foreach (var part in groups[i])
                {
                    value = PyAccess.GetItem(value, part);
                }

                keys[i] = postprocess is null ? value : postprocess(value);
            }

            return new PyList(keys);
        };
    }

    private static List<object?> Parts(object? attribute) => attribute switch
    {
        null => [],
        PyStr text => [.. text.Value.Split('.').Select(part =>
            part.Length > 0 && part.All(char.IsAsciiDigit) ? (object?)long.Parse(part, System.Globalization.CultureInfo.InvariantCulture) : new PyStr(part))],
        _ => [attribute],
    };

    /// <summary>Jinja's <c>ignore_case</c>: lower-cases strings, leaves anything else alone.</summary>
    public static object? IgnoreCase(object? value) =>
        value is PyStr text ? new PyStr(text.Value.ToLowerInvariant()) : value;
}
