namespace OmniBot.Engine.Templates.Values;

/// <summary>
/// A Python <c>str</c> (or Jinja <c>Markup</c> when <see cref="IsMarkup"/>) that remembers which of its characters
/// came from caller content, so the rendered prompt can tell template text from user text.
/// Equality and hashing use the text only, as in Python.
/// </summary>
internal sealed class PyStr : IEquatable<PyStr>
{
    public static readonly PyStr Empty = new(string.Empty);

    // Sorted, non-overlapping, non-touching [start, end) pairs of UTF-16 offsets; null when nothing is content.
    private readonly int[]? _content;
    private int[]? _codePointOffsets;
    private int _codePointCount = -1;

    public PyStr(string value)
        : this(value, null, isMarkup: false)
    {
    }

    internal PyStr(string value, int[]? content, bool isMarkup)
    {
        Value = value;
        _content = content is { Length: > 0 } ? content : null;
        IsMarkup = isMarkup;
    }

    public string Value { get; }

    /// <summary>True for Jinja's <c>Markup</c> (made by <c>|safe</c> or <c>|escape</c>): concatenating plain text to it HTML-escapes that text.</summary>
    public bool IsMarkup { get; }

    public bool HasContent => _content is not null;

    public int Length => Value.Length;

    internal ReadOnlySpan<int> ContentBounds => _content;

    /// <summary>Python's <c>len()</c>: code points, not UTF-16 units.</summary>
    public int CodePointCount
    {
        get
        {
            if (_codePointCount < 0)
            {
                _codePointCount = PyUnicode.CodePointCount(Value);
            }

            return _codePointCount;
        }
    }

    public static PyStr FromContent(string value) =>
        value.Length == 0 ? Empty : new PyStr(value, [0, value.Length], isMarkup: false);

    public static PyStr Of(string value) => value.Length == 0 ? Empty : new PyStr(value);

    public PyStr WithMarkup(bool isMarkup) => isMarkup == IsMarkup ? this : new PyStr(Value, _content, isMarkup);

    /// <summary>The UTF-16 offset where code point <paramref name="index"/> starts (<paramref name="index"/> may equal the count).</summary>
    public int OffsetOfCodePoint(int index)
    {
        if (CodePointCount == Value.Length)
        {
            return index;
        }

        _codePointOffsets ??= PyUnicode.CodePointOffsets(Value);
        return _codePointOffsets[index];
    }

    /// <summary>A substring by UTF-16 offsets, keeping content marks and the markup flag.</summary>
    public PyStr Slice(int start, int length)
    {
        if (start == 0 && length == Value.Length)
        {
            return this;
        }

        if (length == 0)
        {
            return IsMarkup ? new PyStr(string.Empty, null, isMarkup: true) : Empty;
        }

        int[]? content = null;
        if (_content is not null)
        {
            var bounds = new List<int>();
            var end = start + length;
            for (var i = 0; i < _content.Length; i += 2)
            {
                var from = Math.Max(_content[i], start);
                var to = Math.Min(_content[i + 1], end);
                if (from < to)
                {
                    bounds.Add(from - start);
                    bounds.Add(to - start);
                }
            }

            content = bounds.Count > 0 ? [.. bounds] : null;
        }

        return new PyStr(Value.Substring(start, length), content, IsMarkup);
    }

    public PyStr Slice(int start) => Slice(start, Value.Length - start);

    public bool IsContentAt(int index)
    {
        if (_content is null)
        {
            return false;
        }

        for (var i = 0; i < _content.Length; i += 2)
        {
            if (index < _content[i])
            {
                return false;
            }

            if (index < _content[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(PyStr? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is PyStr other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
