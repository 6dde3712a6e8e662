using System.Buffers.Binary;

namespace OmniBot.Models.Gguf;

/// <summary>Reads metadata values of every GGUF type, checking each array length against the bytes left.</summary>
internal static class GgufValueParser
{
    /// <summary>How deep arrays may nest; real files use one level, and the cap keeps recursion bounded.</summary>
    internal const int MaxArrayDepth = 8;

    /// <summary>
    /// The longest string value, in bytes. Real files' longest strings are chat templates of tens of kilobytes; the cap keeps
    /// a hostile length inside a large file from asking for gigabytes at once or more than a .NET string can hold.
    /// </summary>
    internal const int MaxStringValueBytes = 64 * 1024 * 1024;

    public static GgufValueType ReadType(GgufByteReader reader, string what)
    {
        var offset = reader.Position;
        var id = reader.ReadUInt32(what);
        return id <= (uint)GgufValueType.Float64
            ? (GgufValueType)id
            : throw reader.Error($"the {what} is {id}, but GGUF defines only types 0 to 12", offset);
    }

    public static GgufValue ReadValue(GgufByteReader reader, GgufValueType type, int depth) => type switch
    {
        GgufValueType.UInt8 => GgufValue.FromUInt8(reader.ReadByte("uint8 value")),
        GgufValueType.Int8 => GgufValue.FromInt8(unchecked((sbyte)reader.ReadByte("int8 value"))),
        GgufValueType.UInt16 => GgufValue.FromUInt16(BinaryPrimitives.ReadUInt16LittleEndian(reader.ReadBytes(2, "uint16 value"))),
        GgufValueType.Int16 => GgufValue.FromInt16(BinaryPrimitives.ReadInt16LittleEndian(reader.ReadBytes(2, "int16 value"))),
        GgufValueType.UInt32 => GgufValue.FromUInt32(reader.ReadUInt32("uint32 value")),
        GgufValueType.Int32 => GgufValue.FromInt32(unchecked((int)reader.ReadUInt32("int32 value"))),
        GgufValueType.Float32 => GgufValue.FromFloat32(BinaryPrimitives.ReadSingleLittleEndian(reader.ReadBytes(4, "float32 value"))),
        GgufValueType.Bool => GgufValue.FromBool(ReadBool(reader)),
        GgufValueType.String => GgufValue.FromString(reader.ReadString("string value", MaxStringValueBytes, strict: false)),
        GgufValueType.Array => GgufValue.FromArray(ReadArray(reader, depth + 1)),
        GgufValueType.UInt64 => GgufValue.FromUInt64(reader.ReadUInt64("uint64 value")),
        GgufValueType.Int64 => GgufValue.FromInt64(unchecked((long)reader.ReadUInt64("int64 value"))),
        _ => GgufValue.FromFloat64(BinaryPrimitives.ReadDoubleLittleEndian(reader.ReadBytes(8, "float64 value"))),
    };

    private static GgufArray ReadArray(GgufByteReader reader, int depth)
    {
        if (depth > MaxArrayDepth)
        {
            throw reader.Error($"arrays are nested more than {MaxArrayDepth} levels deep");
        }

        var elementType = ReadType(reader, "array item type");
        var countOffset = reader.Position;
        var count = reader.ReadUInt64("array length");
        var minimumItemBytes = MinimumBytes(elementType);
        if (count > (ulong)(reader.Remaining / minimumItemBytes))
        {
            throw reader.Error(
                $"the array declares {count} {elementType} items, which need at least {minimumItemBytes} bytes each, "
                + $"but only {reader.Remaining} bytes are left in the file",
                countOffset);
        }

        if (count > (ulong)Array.MaxLength)
        {
            throw reader.Error($"the array declares {count} items; at most {Array.MaxLength} are supported", countOffset);
        }

        var n = (int)count;
        return elementType switch
        {
            GgufValueType.UInt8 => GgufArray.Wrap(elementType, reader.ReadArray<byte>(n, "uint8 array")),
            GgufValueType.Int8 => GgufArray.Wrap(elementType, reader.ReadArray<sbyte>(n, "int8 array")),
            GgufValueType.UInt16 => GgufArray.Wrap(elementType, reader.ReadArray<ushort>(n, "uint16 array")),
            GgufValueType.Int16 => GgufArray.Wrap(elementType, reader.ReadArray<short>(n, "int16 array")),
            GgufValueType.UInt32 => GgufArray.Wrap(elementType, reader.ReadArray<uint>(n, "uint32 array")),
            GgufValueType.Int32 => GgufArray.Wrap(elementType, reader.ReadArray<int>(n, "int32 array")),
            GgufValueType.Float32 => GgufArray.Wrap(elementType, reader.ReadArray<float>(n, "float32 array")),
            GgufValueType.UInt64 => GgufArray.Wrap(elementType, reader.ReadArray<ulong>(n, "uint64 array")),
            GgufValueType.Int64 => GgufArray.Wrap(elementType, reader.ReadArray<long>(n, "int64 array")),
            GgufValueType.Float64 => GgufArray.Wrap(elementType, reader.ReadArray<double>(n, "float64 array")),
            GgufValueType.Bool => GgufArray.Wrap(elementType, ReadBools(reader, n)),
            GgufValueType.String => GgufArray.Wrap(elementType, ReadStrings(reader, n)),
            _ => GgufArray.Wrap(elementType, ReadArrays(reader, n, depth)),
        };
    }

    private static bool ReadBool(GgufByteReader reader)
    {
        var offset = reader.Position;
        var value = reader.ReadByte("bool value");
        return value <= 1 ? value == 1 : throw reader.Error($"a bool must be 0 or 1, found {value}", offset);
    }

    private static bool[] ReadBools(GgufByteReader reader, int count)
    {
        bool[] items = count == 0 ? [] : new bool[count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = ReadBool(reader);
        }

        return items;
    }

    private static string[] ReadStrings(GgufByteReader reader, int count)
    {
        string[] items = count == 0 ? [] : new string[count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = reader.ReadString("string value", MaxStringValueBytes, strict: false);
        }

        return items;
    }

    private static GgufArray[] ReadArrays(GgufByteReader reader, int count, int depth)
    {
        GgufArray[] items = count == 0 ? [] : new GgufArray[count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = ReadArray(reader, depth + 1);
        }

        return items;
    }

    private static int MinimumBytes(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.Array => 12, // item type and length
        _ => 8, // 64-bit numbers, and a string's length
    };
}
