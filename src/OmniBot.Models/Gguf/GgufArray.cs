using System.Collections;

namespace OmniBot.Models.Gguf;

/// <summary>
/// A GGUF array: items of one <see cref="ElementType"/>, kept as a typed .NET array so that large
/// arrays (a 150k-token vocabulary) cost one allocation. Nested arrays have element type Array.
/// </summary>
public sealed class GgufArray : IReadOnlyList<GgufValue>
{
    private readonly Array _items;

    private GgufArray(GgufValueType elementType, Array items)
    {
        ElementType = elementType;
        _items = items;
    }

    public GgufValueType ElementType { get; }

    public int Count => _items.Length;

    public GgufValue this[int index] => _items switch
    {
        byte[] items => GgufValue.FromUInt8(items[index]),
        sbyte[] items => GgufValue.FromInt8(items[index]),
        ushort[] items => GgufValue.FromUInt16(items[index]),
        short[] items => GgufValue.FromInt16(items[index]),
        uint[] items => GgufValue.FromUInt32(items[index]),
        int[] items => GgufValue.FromInt32(items[index]),
        float[] items => GgufValue.FromFloat32(items[index]),
        bool[] items => GgufValue.FromBool(items[index]),
        ulong[] items => GgufValue.FromUInt64(items[index]),
        long[] items => GgufValue.FromInt64(items[index]),
        double[] items => GgufValue.FromFloat64(items[index]),
        string[] items => GgufValue.FromString(items[index]),
        _ => GgufValue.FromArray(((GgufArray[])_items)[index]),
    };

    /// <summary>Creates an array of numbers or booleans; <typeparamref name="T"/> picks the element type (int → Int32, …).</summary>
    public static GgufArray Create<T>(ReadOnlySpan<T> items)
        where T : unmanaged => new(ElementTypeOf<T>(), items.ToArray());

    public static GgufArray FromStrings(IEnumerable<string> items)
    {
        var array = items.ToArray();
        return Array.IndexOf(array, null) >= 0
            ? throw new ArgumentException("A GGUF string array cannot hold null.", nameof(items))
            : new GgufArray(GgufValueType.String, array);
    }

    public static GgufArray FromArrays(IEnumerable<GgufArray> items)
    {
        var array = items.ToArray();
        return Array.IndexOf(array, null) >= 0
            ? throw new ArgumentException("A GGUF array of arrays cannot hold null.", nameof(items))
            : new GgufArray(GgufValueType.Array, array);
    }

    /// <summary>The items of a numeric or boolean array; <typeparamref name="T"/> must match <see cref="ElementType"/>.</summary>
    public ReadOnlySpan<T> AsSpan<T>()
        where T : unmanaged => ElementTypeOf<T>() == ElementType
            ? ((T[])_items).AsSpan()
            : throw new InvalidOperationException($"The GGUF array holds {ElementType} items, not {typeof(T).Name}.");

    public IReadOnlyList<string> AsStrings() => _items as string[]
        ?? throw new InvalidOperationException($"The GGUF array holds {ElementType} items, not strings.");

    public IReadOnlyList<GgufArray> AsArrays() => _items as GgufArray[]
        ?? throw new InvalidOperationException($"The GGUF array holds {ElementType} items, not arrays.");

    /// <summary>Gets the items of an integer array of any width, if each fits in a <see cref="long"/>.</summary>
    public bool TryGetInt64s(out long[] values)
    {
        values = new long[GgufValue.IsIntegerType(ElementType) ? Count : 0];
        for (var i = 0; i < values.Length; i++)
        {
            if (!this[i].TryGetInt64(out values[i]))
            {
                values = [];
                return false;
            }
        }

        return GgufValue.IsIntegerType(ElementType);
    }

    /// <summary>A readable form, long arrays shortened (see <see cref="GgufValue.ToString"/>).</summary>
    public override string ToString() => GgufValue.FromArray(this).ToString();

    public IEnumerator<GgufValue> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static GgufArray Wrap(GgufValueType elementType, Array items) => new(elementType, items);

    internal static GgufValueType ElementTypeOf<T>()
        where T : unmanaged => typeof(T) switch
        {
            var t when t == typeof(byte) => GgufValueType.UInt8,
            var t when t == typeof(sbyte) => GgufValueType.Int8,
            var t when t == typeof(ushort) => GgufValueType.UInt16,
            var t when t == typeof(short) => GgufValueType.Int16,
            var t when t == typeof(uint) => GgufValueType.UInt32,
            var t when t == typeof(int) => GgufValueType.Int32,
            var t when t == typeof(float) => GgufValueType.Float32,
            var t when t == typeof(bool) => GgufValueType.Bool,
            var t when t == typeof(ulong) => GgufValueType.UInt64,
            var t when t == typeof(long) => GgufValueType.Int64,
            var t when t == typeof(double) => GgufValueType.Float64,
            _ => throw new NotSupportedException($"{typeof(T).Name} is not a GGUF array element type."),
        };
}
