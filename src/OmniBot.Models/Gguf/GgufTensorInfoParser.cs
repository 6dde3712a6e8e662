namespace OmniBot.Models.Gguf;

/// <summary>
/// Reads the tensor descriptions and checks what llama.cpp would trust about them: names, shapes, types,
/// sizes, and that each tensor's data is aligned, inside the file, and overlaps no other tensor.
/// </summary>
internal static class GgufTensorInfoParser
{
    // Name length, a one-byte name, dimension count, one dimension, type and offset.
    internal const int MinTensorInfoBytes = 8 + 1 + 4 + 8 + 4 + 8;

    // ggml keeps names in 64-byte buffers including the terminating zero.
    private const int MaxNameLength = 63;
    private const int MaxDimensions = 4;

    public static IReadOnlyList<GgufTensorInfo> Read(GgufByteReader reader, long count, uint alignment, out long dataOffset)
    {
        // Grown as tensors are read rather than sized by the count, so memory follows the bytes actually present.
        var parsed = new List<ParsedTensor>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            parsed.Add(ReadOne(reader, i, names));
        }

        dataOffset = AlignUp(reader.Position, alignment);
        var tensors = new GgufTensorInfo[parsed.Count];
        for (var i = 0; i < parsed.Count; i++)
        {
            var tensor = parsed[i];
            if (tensor.Offset % alignment != 0 || tensor.Offset > (ulong)(long.MaxValue - dataOffset))
            {
                reader.Region = Describe(i, tensor.Name);
                throw reader.Error(
                    tensor.Offset % alignment != 0
                        ? $"the data offset {tensor.Offset} is not a multiple of the alignment {alignment}"
                        : $"the data offset {tensor.Offset} lies beyond the end of any file",
                    tensor.OffsetFieldPosition);
            }

            var offset = (long)tensor.Offset;
            tensors[i] = new GgufTensorInfo(tensor.Name, tensor.Dimensions, tensor.Type, offset, dataOffset + offset, tensor.ElementCount, tensor.ByteSize);
        }

        CheckDataRegions(reader, tensors);
        return tensors;
    }

    private static ParsedTensor ReadOne(GgufByteReader reader, int index, Dictionary<string, int> names)
    {
        var infoOffset = reader.Position;
        reader.Region = $"tensor info #{index}";
        var name = reader.ReadString("tensor name", MaxNameLength, strict: true);
        if (name.Length == 0)
        {
            throw reader.Error("the tensor name is empty", infoOffset);
        }

        reader.Region = Describe(index, name);
        if (!names.TryAdd(name, index))
        {
            throw reader.Error($"the tensor name is used twice (first by tensor info #{names[name]})", infoOffset);
        }

        var dimensionCountOffset = reader.Position;
        var dimensionCount = reader.ReadUInt32("dimension count");
        if (dimensionCount is 0 or > MaxDimensions)
        {
            throw reader.Error($"a tensor has 1 to {MaxDimensions} dimensions, but this one declares {dimensionCount}", dimensionCountOffset);
        }

        var dimensions = new long[dimensionCount];
        var elementCount = 1L;
        for (var d = 0; d < dimensions.Length; d++)
        {
            var dimensionOffset = reader.Position;
            var size = reader.ReadUInt64($"size of dimension {d}");
            if (size == 0 || size > long.MaxValue)
            {
                throw reader.Error($"dimension {d} has size {size}; sizes must be between 1 and 2^63-1", dimensionOffset);
            }

            dimensions[d] = (long)size;
            if (elementCount > long.MaxValue / dimensions[d])
            {
                throw reader.Error("the tensor's element count overflows 64 bits", dimensionOffset);
            }

            elementCount *= dimensions[d];
        }

        var type = ReadType(reader);
        var layout = GgmlTypeInfo.Get(type);
        if (dimensions[0] % layout.BlockSize != 0)
        {
            throw reader.Error(
                $"a {type} tensor stores blocks of {layout.BlockSize} values, so its first dimension must be a multiple of {layout.BlockSize}, but it is {dimensions[0]}",
                dimensionCountOffset);
        }

        // Whole blocks, since the first dimension is a multiple of the block size.
        var blocks = elementCount / layout.BlockSize;
        if (blocks > long.MaxValue / layout.TypeSize)
        {
            throw reader.Error("the tensor's size in bytes overflows 64 bits", dimensionCountOffset);
        }

        var offsetFieldPosition = reader.Position;
        var offset = reader.ReadUInt64("data offset");
        return new ParsedTensor(name, dimensions, type, offset, offsetFieldPosition, elementCount, blocks * layout.TypeSize);
    }

    private static GgmlType ReadType(GgufByteReader reader)
    {
        var offset = reader.Position;
        var id = reader.ReadUInt32("tensor type");
        if (GgmlTypeInfo.TryGet(id, out var info))
        {
            return info.Type;
        }

        var removed = GgmlTypeInfo.GetRemovedTypeName(id);
        throw reader.Error(
            removed is null
                ? $"the tensor type {id} is not a ggml type this llama.cpp knows"
                : $"the tensor type {id} ({removed}) was removed from llama.cpp; quantize the model again with a current llama.cpp",
            offset);
    }

    private static void CheckDataRegions(GgufByteReader reader, GgufTensorInfo[] tensors)
    {
        reader.Region = "tensor data";
        foreach (var tensor in tensors)
        {
            if (tensor.FileOffset > reader.FileSize || tensor.ByteSize > reader.FileSize - tensor.FileOffset)
            {
                throw reader.Error(
                    $"the data of tensor '{GgufReader.Printable(tensor.Name)}' needs {tensor.ByteSize} bytes from byte {tensor.FileOffset}, "
                    + $"past the end of the {reader.FileSize}-byte file",
                    Math.Min(tensor.FileOffset, reader.FileSize));
            }
        }

        var byOffset = tensors.OrderBy(tensor => tensor.Offset).ToArray();
        for (var i = 1; i < byOffset.Length; i++)
        {
            var previous = byOffset[i - 1];
            var next = byOffset[i];
            if (previous.Offset + previous.ByteSize > next.Offset)
            {
                throw reader.Error(
                    $"the data of tensor '{GgufReader.Printable(next.Name)}' starts at byte {next.FileOffset}, inside the data of "
                    + $"tensor '{GgufReader.Printable(previous.Name)}', which ends at byte {previous.FileOffset + previous.ByteSize}",
                    next.FileOffset);
            }
        }
    }

    private static long AlignUp(long position, uint alignment) => (position + alignment - 1) / alignment * alignment;

    private static string Describe(int index, string name) => $"tensor info #{index} '{GgufReader.Printable(name)}'";

    private readonly record struct ParsedTensor(
        string Name,
        long[] Dimensions,
        GgmlType Type,
        ulong Offset,
        long OffsetFieldPosition,
        long ElementCount,
        long ByteSize);
}
