namespace OmniBot.Models.Gguf;

/// <summary>A tensor described in a GGUF file; its data is not loaded.</summary>
public sealed class GgufTensorInfo
{
    internal GgufTensorInfo(string name, long[] dimensions, GgmlType type, long offset, long fileOffset, long elementCount, long byteSize)
    {
        Name = name;
        Dimensions = dimensions;
        Type = type;
        Offset = offset;
        FileOffset = fileOffset;
        ElementCount = elementCount;
        ByteSize = byteSize;
    }

    public string Name { get; }

    /// <summary>Sizes from the fastest-varying dimension (ggml's ne[0]) on; 1 to 4 of them, each positive.</summary>
    public IReadOnlyList<long> Dimensions { get; }

    public GgmlType Type { get; }

    /// <summary>Where the data starts, relative to the file's data section (as stored in the file).</summary>
    public long Offset { get; }

    /// <summary>Where the data starts in the file.</summary>
    public long FileOffset { get; }

    public long ElementCount { get; }

    public long ByteSize { get; }

    public override string ToString() => $"{Name} [{string.Join(", ", Dimensions)}] {Type}";
}
