namespace OmniBot.Engine.Templates.Values;

internal enum DictViewKind
{
    Keys,
    Values,
    Items,
}

/// <summary>What <c>dict.keys()</c>, <c>values()</c> and <c>items()</c> return: a live, re-iterable view.</summary>
internal sealed class PyDictView(PyDict dict, DictViewKind kind)
{
    public PyDict Dict { get; } = dict;

    public DictViewKind Kind { get; } = kind;

    public string TypeName => Kind switch
    {
        DictViewKind.Keys => "dict_keys",
        DictViewKind.Values => "dict_values",
        _ => "dict_items",
    };

    public IEnumerable<object?> Iterate() => Kind switch
    {
        DictViewKind.Keys => Dict.Keys,
        DictViewKind.Values => Dict.Values,
        _ => Dict.Items.Select(pair => (object?)PyList.Tuple(pair.Key, pair.Value)),
    };
}
