using System.Collections;

namespace OmniBot.Engine.Templates.Values;

/// <summary>A Python <c>list</c> or <c>tuple</c>. Never changed after construction (the sandbox is immutable).</summary>
internal sealed class PyList : IReadOnlyList<object?>
{
    public static readonly PyList EmptyList = new([], isTuple: false);
    public static readonly PyList EmptyTuple = new([], isTuple: true);

    private readonly object?[] _items;

    public PyList(object?[] items, bool isTuple = false, string[]? fieldNames = null)
    {
        _items = items;
        IsTuple = isTuple;
        FieldNames = fieldNames;
    }

    /// <summary>Attribute names of a named tuple (such as <c>groupby</c>'s <c>grouper</c>/<c>list</c>), or null.</summary>
    public string[]? FieldNames { get; }

    public bool IsTuple { get; }

    public string TypeName => IsTuple ? "tuple" : "list";

    public int Count => _items.Length;

    public ReadOnlySpan<object?> Items => _items;

    public object? this[int index] => _items[index];

    public static PyList Tuple(params object?[] items) => new(items, isTuple: true);

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
