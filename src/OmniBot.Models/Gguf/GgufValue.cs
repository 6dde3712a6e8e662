using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OmniBot.Models.Gguf;

/// <summary>
/// One metadata value: a scalar of one of the GGUF value types, a string, or an array.
/// Typed accessors (<see cref="AsUInt32"/>, <see cref="AsString"/>, …) throw when the type differs;
/// <see cref="TryGetInt64"/> and <see cref="TryGetDouble"/> accept any numeric type.
/// </summary>
public sealed class GgufValue
{
    // Metadata holds names and templates in many scripts; keep them readable instead of \u-escaped.
    private static readonly JsonWriterOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions ReadableStrings = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly long _integer;
    private readonly double _real;
    private readonly object? _reference;

    private GgufValue(GgufValueType type, long integer = 0, double real = 0, object? reference = null)
    {
        Type = type;
        _integer = integer;
        _real = real;
        _reference = reference;
    }

    public GgufValueType Type { get; }

    public static GgufValue FromUInt8(byte value) => new(GgufValueType.UInt8, value);

    public static GgufValue FromInt8(sbyte value) => new(GgufValueType.Int8, value);

    public static GgufValue FromUInt16(ushort value) => new(GgufValueType.UInt16, value);

    public static GgufValue FromInt16(short value) => new(GgufValueType.Int16, value);

    public static GgufValue FromUInt32(uint value) => new(GgufValueType.UInt32, value);

    public static GgufValue FromInt32(int value) => new(GgufValueType.Int32, value);

    public static GgufValue FromUInt64(ulong value) => new(GgufValueType.UInt64, unchecked((long)value));

    public static GgufValue FromInt64(long value) => new(GgufValueType.Int64, value);

    public static GgufValue FromFloat32(float value) => new(GgufValueType.Float32, real: value);

    public static GgufValue FromFloat64(double value) => new(GgufValueType.Float64, real: value);

    public static GgufValue FromBool(bool value) => new(GgufValueType.Bool, value ? 1 : 0);

    public static GgufValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(GgufValueType.String, reference: value);
    }

    public static GgufValue FromArray(GgufArray value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(GgufValueType.Array, reference: value);
    }

    public byte AsUInt8() => (byte)Expect(GgufValueType.UInt8)._integer;

    public sbyte AsInt8() => (sbyte)Expect(GgufValueType.Int8)._integer;

    public ushort AsUInt16() => (ushort)Expect(GgufValueType.UInt16)._integer;

    public short AsInt16() => (short)Expect(GgufValueType.Int16)._integer;

    public uint AsUInt32() => (uint)Expect(GgufValueType.UInt32)._integer;

    public int AsInt32() => (int)Expect(GgufValueType.Int32)._integer;

    public ulong AsUInt64() => unchecked((ulong)Expect(GgufValueType.UInt64)._integer);

    public long AsInt64() => Expect(GgufValueType.Int64)._integer;

    public float AsFloat32() => (float)Expect(GgufValueType.Float32)._real;

    public double AsFloat64() => Expect(GgufValueType.Float64)._real;

    public bool AsBool() => Expect(GgufValueType.Bool)._integer != 0;

    public string AsString() => (string)Expect(GgufValueType.String)._reference!;

    public GgufArray AsArray() => (GgufArray)Expect(GgufValueType.Array)._reference!;

    /// <summary>True for the eight integer types.</summary>
    public bool IsInteger => IsIntegerType(Type);

    /// <summary>Gets any integer value that fits in a <see cref="long"/>.</summary>
    public bool TryGetInt64(out long value)
    {
        value = _integer;
        return IsInteger && (Type != GgufValueType.UInt64 || _integer >= 0);
    }

    /// <summary>Gets any integer or floating-point value as a <see cref="double"/>.</summary>
    public bool TryGetDouble(out double value)
    {
        value = Type switch
        {
            GgufValueType.Float32 or GgufValueType.Float64 => _real,
            GgufValueType.UInt64 => unchecked((ulong)_integer),
            _ => _integer,
        };
        return IsInteger || Type is GgufValueType.Float32 or GgufValueType.Float64;
    }

    /// <summary>A readable form: numbers in invariant culture, strings as they are, long arrays shortened.</summary>
    public override string ToString() => ToDisplayString(maxArrayItems: 8);

    /// <summary>Like <see cref="ToString"/>, showing at most <paramref name="maxArrayItems"/> items of each array.</summary>
    public string ToDisplayString(int maxArrayItems)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxArrayItems);
        if (_reference is GgufArray array)
        {
            var text = new StringBuilder("[");
            var shown = Math.Min(array.Count, maxArrayItems);
            for (var i = 0; i < shown; i++)
            {
                text.Append(i == 0 ? "" : ", ");
                var item = array[i];
                text.Append(item.Type == GgufValueType.String ? JsonSerializer.Serialize(item.AsString(), ReadableStrings) : item.ToDisplayString(maxArrayItems));
            }

            text.Append(array.Count > shown ? (shown == 0 ? "…" : ", …") : "").Append(']');
            return array.Count > shown ? text.Append(CultureInfo.InvariantCulture, $" ({array.Count} × {array.ElementType})").ToString() : text.ToString();
        }

        return Type switch
        {
            GgufValueType.String => (string)_reference!,
            GgufValueType.Bool => _integer != 0 ? "true" : "false",
            GgufValueType.Float32 => ((float)_real).ToString("R", CultureInfo.InvariantCulture),
            GgufValueType.Float64 => _real.ToString("R", CultureInfo.InvariantCulture),
            GgufValueType.UInt64 => unchecked((ulong)_integer).ToString(CultureInfo.InvariantCulture),
            _ => _integer.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Writes the value as JSON: numbers, booleans, strings and arrays (every item). JSON has no NaN or
    /// infinity, so those floats are written as the strings "NaN", "Infinity" and "-Infinity".
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Type)
        {
            case GgufValueType.Array:
                writer.WriteStartArray();
                foreach (var item in (GgufArray)_reference!)
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndArray();
                break;
            case GgufValueType.String:
                writer.WriteStringValue((string)_reference!);
                break;
            case GgufValueType.Bool:
                writer.WriteBooleanValue(_integer != 0);
                break;
            case GgufValueType.Float32 or GgufValueType.Float64 when !double.IsFinite(_real):
                writer.WriteStringValue(ToDisplayString(0));
                break;
            case GgufValueType.Float32:
                writer.WriteNumberValue((float)_real);
                break;
            case GgufValueType.Float64:
                writer.WriteNumberValue(_real);
                break;
            case GgufValueType.UInt64:
                writer.WriteNumberValue(unchecked((ulong)_integer));
                break;
            default:
                writer.WriteNumberValue(_integer);
                break;
        }
    }

    /// <summary>The value as JSON text (see <see cref="WriteTo"/>).</summary>
    public string ToJsonString()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ReadableJson))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    internal static bool IsIntegerType(GgufValueType type) => type is GgufValueType.UInt8 or GgufValueType.Int8
        or GgufValueType.UInt16 or GgufValueType.Int16 or GgufValueType.UInt32 or GgufValueType.Int32
        or GgufValueType.UInt64 or GgufValueType.Int64;

    private GgufValue Expect(GgufValueType type) =>
        Type == type ? this : throw new InvalidOperationException($"The GGUF value is of type {Type}, not {type}.");
}
