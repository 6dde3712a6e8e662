using System.Buffers.Binary;
using System.Text;
using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

/// <summary>
/// A valid GGUF file to corrupt, with a map of its structure: the regions (header, each metadata entry,
/// each tensor info, data) and the position of every length, count, type and offset field.
/// The bytes can be mutated in place and restored; only the first <see cref="Bytes"/> are real,
/// the rest up to <see cref="Length"/> reads as zeros.
/// </summary>
internal sealed class GgufFuzzTarget
{
    private GgufFuzzTarget(string name, byte[] bytes, long length)
    {
        Name = name;
        Bytes = bytes;
        Length = length;
        var file = GgufReader.Read(Open(length));
        StructureEnd = MapStructure(file);
        DataEnd = file.Tensors.Max(tensor => tensor.FileOffset + tensor.ByteSize);
    }

    public string Name { get; }

    public byte[] Bytes { get; }

    public long Length { get; }

    /// <summary>The end of the last tensor info: header, metadata and tensor infos lie before it.</summary>
    public long StructureEnd { get; }

    /// <summary>The end of the last tensor's data: a file cut before it is incomplete.</summary>
    public long DataEnd { get; }

    public List<(string Region, long Start, long End)> Regions { get; } = [];

    /// <summary>Length, count, type, dimension and offset fields: (position, size in bytes, kind, what).</summary>
    public List<(long Position, int Size, GgufFieldKind Kind, string What)> Fields { get; } = [];

    public static GgufFuzzTarget FromBytes(string name, byte[] bytes) => new(name, bytes, bytes.Length);

    /// <summary>A large file of which only the first <paramref name="prefixLength"/> bytes (its structure) are kept; the data reads as zeros.</summary>
    public static GgufFuzzTarget FromStructure(string name, string path, int prefixLength) =>
        new(name, GgufReaderRealModelTests.ReadPrefix(path, prefixLength), new FileInfo(path).Length);

    public Stream Open(long length) => length <= Bytes.Length
        ? new MemoryStream(Bytes, 0, (int)length, writable: false)
        : new ZeroExtendedStream(Bytes, length);

    private long MapStructure(GgufFile file)
    {
        Regions.Add(("header", 0, 24));
        Fields.AddRange([(4, 4, GgufFieldKind.Version, "version"), (8, 8, GgufFieldKind.Count, "tensor count"), (16, 8, GgufFieldKind.Count, "metadata count")]);
        var metadata = file.Metadata;
        for (var i = 0; i < metadata.Count; i++)
        {
            var start = metadata.GetEntryOffset(i);
            var end = i + 1 < metadata.Count ? metadata.GetEntryOffset(i + 1) : file.TensorInfoOffset;
            var key = metadata[i].Key;
            Regions.Add(($"metadata #{i} {key}", start, end));
            var typePosition = start + 8 + Encoding.UTF8.GetByteCount(key);
            Fields.AddRange([(start, 8, GgufFieldKind.Length, $"{key} key length"), (typePosition, 4, GgufFieldKind.Type, $"{key} type")]);
            MapValue(metadata[i].Value, typePosition + 4, key);
        }

        var position = file.TensorInfoOffset;
        for (var i = 0; i < file.Tensors.Count; i++)
        {
            var start = position;
            var name = file.Tensors[i].Name;
            Fields.Add((position, 8, GgufFieldKind.Length, $"{name} name length"));
            position += 8 + Encoding.UTF8.GetByteCount(name);
            Fields.Add((position, 4, GgufFieldKind.Dimension, $"{name} dimension count"));
            var dimensions = BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan((int)position));
            position += 4;
            for (var d = 0; d < dimensions; d++, position += 8)
            {
                Fields.Add((position, 8, GgufFieldKind.Dimension, $"{name} dimension {d}"));
            }

            Fields.AddRange([(position, 4, GgufFieldKind.Type, $"{name} type"), (position + 4, 8, GgufFieldKind.Offset, $"{name} offset")]);
            position += 12;
            Regions.Add(($"tensor info #{i} {name}", start, position));
        }

        Regions.Add(("padding", position, file.DataOffset));
        Regions.Add(("tensor data", file.DataOffset, file.FileSize));
        return position;
    }

    private void MapValue(GgufValue value, long position, string key)
    {
        if (value.Type == GgufValueType.String)
        {
            Fields.Add((position, 8, GgufFieldKind.Length, $"{key} string length"));
        }
        else if (value.Type == GgufValueType.Array)
        {
            var array = value.AsArray();
            Fields.AddRange([(position, 4, GgufFieldKind.Type, $"{key} item type"), (position + 4, 8, GgufFieldKind.Count, $"{key} array length")]);
            if (array.ElementType == GgufValueType.String)
            {
                // The first few strings' lengths.
                var item = position + 12;
                for (var i = 0; i < Math.Min(3, array.Count); i++)
                {
                    Fields.Add((item, 8, GgufFieldKind.Length, $"{key} item length"));
                    item += 8 + (long)BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan((int)item));
                }
            }
        }
    }
}
