using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace OmniBot.Models.Gguf;

/// <summary>
/// The metadata of a GGUF file: key/value pairs in file order, also looked up by key.
/// Keys are unique (the reader rejects duplicates).
/// </summary>
public sealed class GgufMetadata : IReadOnlyList<KeyValuePair<string, GgufValue>>, IReadOnlyDictionary<string, GgufValue>
{
    private readonly KeyValuePair<string, GgufValue>[] _entries;
    private readonly long[] _entryOffsets;
    private readonly Dictionary<string, int> _indexByKey;

    internal GgufMetadata(KeyValuePair<string, GgufValue>[] entries, long[] entryOffsets, Dictionary<string, int> indexByKey)
    {
        _entries = entries;
        _entryOffsets = entryOffsets;
        _indexByKey = indexByKey;
    }

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(entry => entry.Key);

    public IEnumerable<GgufValue> Values => _entries.Select(entry => entry.Value);

    public KeyValuePair<string, GgufValue> this[int index] => _entries[index];

    public GgufValue this[string key] => TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"The GGUF file has no metadata key '{key}'.");

    public bool ContainsKey(string key) => _indexByKey.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out GgufValue value)
    {
        var found = _indexByKey.TryGetValue(key, out var index);
        value = found ? _entries[index].Value : null;
        return found;
    }

    /// <summary>The position of <paramref name="key"/> in file order, or -1.</summary>
    public int IndexOf(string key) => _indexByKey.GetValueOrDefault(key, -1);

    public IEnumerator<KeyValuePair<string, GgufValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, GgufValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The file offset where entry <paramref name="index"/> (its key length) starts.</summary>
    internal long GetEntryOffset(int index) => _entryOffsets[index];
}
