namespace OmniBot.Engine.Templates.Values;

/// <summary>A Python <c>dict</c>: insertion-ordered, keys compared with Python equality (so <c>1</c>, <c>1.0</c> and <c>True</c> are one key).</summary>
internal sealed class PyDict
{
    private static readonly object NoneKey = new();

    private readonly OrderedDictionary<object, object?> _items = new(PyKeyComparer.Instance);

    public int Count => _items.Count;

    public IEnumerable<object?> Keys => _items.Keys.Select(FromKey);

    public IEnumerable<object?> Values => _items.Values;

    public IEnumerable<KeyValuePair<object?, object?>> Items =>
        _items.Select(pair => new KeyValuePair<object?, object?>(FromKey(pair.Key), pair.Value));

    /// <summary>Adds or replaces a key while the dict is being built; replacing keeps the first position, as Python does.</summary>
    public void Set(object? key, object? value) => _items[ToKey(key)] = value;

    public bool TryGetValue(object? key, out object? value) => _items.TryGetValue(ToKey(key), out value);

    public bool ContainsKey(object? key) => _items.ContainsKey(ToKey(key));

    public PyDict Copy()
    {
        var copy = new PyDict();
        foreach (var pair in _items)
        {
            copy._items.Add(pair.Key, pair.Value);
        }

        return copy;
    }

    private static object ToKey(object? key) => key ?? NoneKey;

    private static object? FromKey(object key) => ReferenceEquals(key, NoneKey) ? null : key;

    private sealed class PyKeyComparer : IEqualityComparer<object>
    {
        public static readonly PyKeyComparer Instance = new();

        public new bool Equals(object? x, object? y) => PyOps.Equal(Unwrap(x), Unwrap(y));

        public int GetHashCode(object obj) => PyOps.Hash(Unwrap(obj));

        private static object? Unwrap(object? key) => ReferenceEquals(key, NoneKey) ? null : key;
    }
}
