using System.Buffers.Binary;
using System.Text;
using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

/// <summary>Writes GGUF bytes field by field, valid or deliberately not, for handcrafted test files.</summary>
internal sealed class GgufTestWriter
{
    private readonly MemoryStream _bytes = new();

    public long Position => _bytes.Length;

    public GgufTestWriter Header(uint version, ulong tensorCount, ulong metadataCount) =>
        UInt32(GgufReader.Magic).UInt32(version).UInt64(tensorCount).UInt64(metadataCount);

    public GgufTestWriter Byte(byte value)
    {
        _bytes.WriteByte(value);
        return this;
    }

    public GgufTestWriter UInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Bytes(bytes);
    }

    public GgufTestWriter UInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Bytes(bytes);
    }

    public GgufTestWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        _bytes.Write(bytes);
        return this;
    }

    public GgufTestWriter String(string value) => RawString(Encoding.UTF8.GetBytes(value));

    public GgufTestWriter RawString(byte[] utf8)
    {
        UInt64((ulong)utf8.Length);
        return Bytes(utf8);
    }

    public GgufTestWriter Entry(string key, GgufValue value) => String(key).UInt32((uint)value.Type).Value(value);

    public GgufTestWriter Value(GgufValue value)
    {
        Span<byte> bytes = stackalloc byte[8];
        switch (value.Type)
        {
            case GgufValueType.UInt8: return Byte(value.AsUInt8());
            case GgufValueType.Int8: return Byte(unchecked((byte)value.AsInt8()));
            case GgufValueType.UInt16:
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, value.AsUInt16());
                return Bytes(bytes[..2]);
            case GgufValueType.Int16:
                BinaryPrimitives.WriteInt16LittleEndian(bytes, value.AsInt16());
                return Bytes(bytes[..2]);
            case GgufValueType.UInt32: return UInt32(value.AsUInt32());
            case GgufValueType.Int32: return UInt32(unchecked((uint)value.AsInt32()));
            case GgufValueType.Float32:
                BinaryPrimitives.WriteSingleLittleEndian(bytes, value.AsFloat32());
                return Bytes(bytes[..4]);
            case GgufValueType.Bool: return Byte(value.AsBool() ? (byte)1 : (byte)0);
            case GgufValueType.String: return String(value.AsString());
            case GgufValueType.UInt64: return UInt64(value.AsUInt64());
            case GgufValueType.Int64: return UInt64(unchecked((ulong)value.AsInt64()));
            case GgufValueType.Float64:
                BinaryPrimitives.WriteDoubleLittleEndian(bytes, value.AsFloat64());
                return Bytes(bytes);
            default:
                var array = value.AsArray();
                UInt32((uint)array.ElementType).UInt64((ulong)array.Count);
                foreach (var item in array)
                {
                    Value(item);
                }

                return this;
        }
    }

    public GgufTestWriter TensorInfo(string name, long[] dimensions, uint type, ulong offset)
    {
        String(name).UInt32((uint)dimensions.Length);
        foreach (var dimension in dimensions)
        {
            UInt64((ulong)dimension);
        }

        return UInt32(type).UInt64(offset);
    }

    public GgufTestWriter PadTo(long alignment)
    {
        while (_bytes.Length % alignment != 0)
        {
            _bytes.WriteByte(0);
        }

        return this;
    }

    public GgufTestWriter Fill(long count, byte value = 0)
    {
        for (var i = 0L; i < count; i++)
        {
            _bytes.WriteByte(value);
        }

        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();
}
