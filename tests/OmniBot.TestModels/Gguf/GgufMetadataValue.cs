using OmniBot.Models.Gguf;

namespace OmniBot.TestModels.Gguf;

/// <summary>
/// One immutable GGUF metadata value: a scalar, a string or a typed array (arrays of arrays included).
/// </summary>
public sealed class GgufMetadataValue
{
    private readonly object _value;

    private GgufMetadataValue(GgufValueType type, object value, GgufValueType elementType = default)
    {
        Type = type;
        _value = value;
        ElementType = elementType;
    }

    public GgufValueType Type { get; }

    /// <summary>The type of every element when <see cref="Type"/> is <see cref="GgufValueType.Array"/>.</summary>
    public GgufValueType ElementType { get; }

    /// <summary>The value: the boxed scalar, the string, or an <see cref="IReadOnlyList{T}"/> of elements.</summary>
    public object Value => _value;

    public static GgufMetadataValue UInt8(byte value) => new(GgufValueType.UInt8, value);

    public static GgufMetadataValue Int8(sbyte value) => new(GgufValueType.Int8, value);

    public static GgufMetadataValue UInt16(ushort value) => new(GgufValueType.UInt16, value);

    public static GgufMetadataValue Int16(short value) => new(GgufValueType.Int16, value);

    public static GgufMetadataValue UInt32(uint value) => new(GgufValueType.UInt32, value);

    public static GgufMetadataValue Int32(int value) => new(GgufValueType.Int32, value);

    public static GgufMetadataValue Float32(float value) => new(GgufValueType.Float32, value);

    public static GgufMetadataValue Bool(bool value) => new(GgufValueType.Bool, value);

    public static GgufMetadataValue String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(GgufValueType.String, value);
    }

    public static GgufMetadataValue UInt64(ulong value) => new(GgufValueType.UInt64, value);

    public static GgufMetadataValue Int64(long value) => new(GgufValueType.Int64, value);

    public static GgufMetadataValue Float64(double value) => new(GgufValueType.Float64, value);

    /// <summary>An array whose elements all have <paramref name="elementType"/>.</summary>
    public static GgufMetadataValue Array(GgufValueType elementType, IEnumerable<GgufMetadataValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        GgufMetadataValue[] elements = [.. items];
        foreach (var element in elements)
        {
            ArgumentNullException.ThrowIfNull(element, nameof(items));
            if (element.Type != elementType)
            {
                throw new ArgumentException(
                    $"A GGUF array holds one type: expected {elementType} elements, found {element.Type}.", nameof(items));
            }
        }

        return new(GgufValueType.Array, elements, elementType);
    }

    public static GgufMetadataValue StringArray(IEnumerable<string> items) =>
        Array(GgufValueType.String, items.Select(String));

    public static GgufMetadataValue Float32Array(IEnumerable<float> items) =>
        Array(GgufValueType.Float32, items.Select(Float32));

    public static GgufMetadataValue Int32Array(IEnumerable<int> items) =>
        Array(GgufValueType.Int32, items.Select(Int32));

    internal void WriteTo(GgufOutput output)
    {
        output.WriteUInt32((uint)Type);
        WritePayload(output);
    }

    private void WritePayload(GgufOutput output)
    {
        switch (Type)
        {
            case GgufValueType.UInt8: output.WriteByte((byte)_value); break;
            case GgufValueType.Int8: output.WriteByte(unchecked((byte)(sbyte)_value)); break;
            case GgufValueType.UInt16: output.WriteUInt16((ushort)_value); break;
            case GgufValueType.Int16: output.WriteUInt16(unchecked((ushort)(short)_value)); break;
            case GgufValueType.UInt32: output.WriteUInt32((uint)_value); break;
            case GgufValueType.Int32: output.WriteUInt32(unchecked((uint)(int)_value)); break;
            case GgufValueType.Float32: output.WriteUInt32(BitConverter.SingleToUInt32Bits((float)_value)); break;
            case GgufValueType.Bool: output.WriteByte((bool)_value ? (byte)1 : (byte)0); break;
            case GgufValueType.String: output.WriteString((string)_value); break;
            case GgufValueType.UInt64: output.WriteUInt64((ulong)_value); break;
            case GgufValueType.Int64: output.WriteUInt64(unchecked((ulong)(long)_value)); break;
            case GgufValueType.Float64: output.WriteUInt64(BitConverter.DoubleToUInt64Bits((double)_value)); break;
            case GgufValueType.Array:
                var elements = (GgufMetadataValue[])_value;
                output.WriteUInt32((uint)ElementType);
                output.WriteUInt64((ulong)elements.Length);
                foreach (var element in elements)
                {
                    // Array elements carry no per-element type code; nested arrays carry their own header.
                    element.WritePayload(output);
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown GGUF value type {Type}.");
        }
    }

    public override string ToString() => Type switch
    {
        GgufValueType.Array => $"[{ElementType} x {((GgufMetadataValue[])_value).Length}]",
        GgufValueType.String => (string)_value,
        _ => Convert.ToString(_value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
