namespace OmniBot.Models.Gguf;

/// <summary>
/// What a GGUF file declares: header, metadata and tensor descriptions, validated by <see cref="GgufReader"/>.
/// The tensor data itself is never read.
/// </summary>
public sealed class GgufFile
{
    internal GgufFile(
        string? sourcePath,
        uint version,
        uint alignment,
        long tensorInfoOffset,
        long dataOffset,
        long fileSize,
        GgufMetadata metadata,
        IReadOnlyList<GgufTensorInfo> tensors)
    {
        SourcePath = sourcePath;
        Version = version;
        Alignment = alignment;
        TensorInfoOffset = tensorInfoOffset;
        DataOffset = dataOffset;
        FileSize = fileSize;
        Metadata = metadata;
        Tensors = tensors;
    }

    /// <summary>The path the file was read from; null when read from a stream.</summary>
    public string? SourcePath { get; }

    /// <summary>The GGUF format version: 2 or 3.</summary>
    public uint Version { get; }

    /// <summary>The alignment of tensor data in bytes (general.alignment, 32 when absent).</summary>
    public uint Alignment { get; }

    /// <summary>Where the tensor descriptions start (right after the metadata).</summary>
    public long TensorInfoOffset { get; }

    /// <summary>Where the tensor data section starts; tensor offsets are relative to it.</summary>
    public long DataOffset { get; }

    public long FileSize { get; }

    public GgufMetadata Metadata { get; }

    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>general.architecture, e.g. "llama" (the reader requires it).</summary>
    public string Architecture => Metadata[GgufKeys.Architecture].AsString();
}
