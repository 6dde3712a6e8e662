using System.Buffers.Binary;
using System.Text;

namespace OmniBot.Models.Gguf;

/// <summary>
/// Reads and validates the header, metadata and tensor descriptions of a GGUF file without loading any
/// tensor data. Everything llama.cpp would trust when loading the file is checked first, so a file this
/// reader accepts cannot make a native load read out of bounds; a malformed file raises
/// <see cref="GgufFormatException"/> and nothing else.
/// </summary>
public static class GgufReader
{
    /// <summary>"GGUF" read as a little-endian 32-bit number.</summary>
    public const uint Magic = 0x46554747;

    public const uint DefaultAlignment = 32;

    internal const int HeaderSize = 24;

    // The GGUF specification limits keys to 2^16-1 bytes.
    private const int MaxKeyLength = ushort.MaxValue;

    // Key length, a one-byte key, value type and the smallest value.
    private const int MinMetadataEntryBytes = 8 + 1 + 4 + 1;

    /// <summary>Reads a GGUF file; I/O errors surface as <see cref="IOException"/>, bad content as <see cref="GgufFormatException"/>.</summary>
    public static GgufFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads a GGUF file from a readable, seekable stream, starting at its current position; offsets in the
    /// result are relative to that position. The stream's length bounds every count and length in the file.
    /// </summary>
    public static GgufFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(stream, path: null);
    }

    private static GgufFile Read(Stream stream, string? path)
    {
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("Reading GGUF needs a readable, seekable stream: its length bounds every count in the file.", nameof(stream));
        }

        var reader = new GgufByteReader(stream, stream.Length - stream.Position, path);
        var (version, tensorCount, metadataCount) = ReadHeader(reader);
        var metadata = ReadMetadata(reader, metadataCount);
        GgufKnownKeysValidator.Validate(metadata, path, reader.Position);
        var alignment = metadata.TryGetValue(GgufKeys.Alignment, out var alignmentValue) ? alignmentValue.AsUInt32() : DefaultAlignment;
        var tensorInfoOffset = reader.Position;
        var tensors = GgufTensorInfoParser.Read(reader, tensorCount, alignment, out var dataOffset);
        return new GgufFile(path, version, alignment, tensorInfoOffset, dataOffset, reader.FileSize, metadata, tensors);
    }

    private static (uint Version, long TensorCount, long MetadataCount) ReadHeader(GgufByteReader reader)
    {
        if (reader.FileSize < HeaderSize)
        {
            throw reader.Error($"the file is {reader.FileSize} bytes long, too short for the {HeaderSize}-byte GGUF header", 0);
        }

        var magic = reader.ReadUInt32("magic");
        if (magic != Magic)
        {
            throw reader.Error($"the file does not start with the GGUF magic 'GGUF' (found 0x{BinaryPrimitives.ReverseEndianness(magic):X8})", 0);
        }

        var version = reader.ReadUInt32("version");
        if (version is not (2 or 3))
        {
            throw reader.Error(
                version switch
                {
                    1 => "GGUF version 1 is no longer supported; convert the model again with a current llama.cpp",
                    _ when BinaryPrimitives.ReverseEndianness(version) is 2 or 3 => "big-endian GGUF files are not supported",
                    _ => $"GGUF version {version} is not supported; this reader knows versions 2 and 3",
                },
                4);
        }

        var tensorCount = ReadCount(reader, "tensor count", GgufTensorInfoParser.MinTensorInfoBytes);
        var metadataCount = ReadCount(reader, "metadata entry count", MinMetadataEntryBytes);
        return (version, tensorCount, metadataCount);
    }

    private static long ReadCount(GgufByteReader reader, string what, int minimumBytesEach)
    {
        var offset = reader.Position;
        var count = reader.ReadUInt64(what);
        return count <= (ulong)(reader.Remaining / minimumBytesEach)
            ? (long)count
            : throw reader.Error($"the {what} is {count}, more than the {reader.Remaining} bytes left in the file can hold", offset);
    }

    private static GgufMetadata ReadMetadata(GgufByteReader reader, long count)
    {
        // Grown as entries are read rather than sized by the count, so memory follows the bytes actually present.
        var entries = new List<KeyValuePair<string, GgufValue>>();
        var offsets = new List<long>();
        var indexByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            offsets.Add(reader.Position);
            reader.Region = $"metadata key #{i}";
            var key = reader.ReadString("key", MaxKeyLength, strict: true);
            if (key.Length == 0)
            {
                throw reader.Error("the key is empty", offsets[i]);
            }

            reader.Region = DescribeKey(i, key);
            if (!indexByKey.TryAdd(key, i))
            {
                throw reader.Error($"the key is defined twice (first as metadata key #{indexByKey[key]})", offsets[i]);
            }

            var type = GgufValueParser.ReadType(reader, "value type");
            entries.Add(new(key, GgufValueParser.ReadValue(reader, type, depth: 0)));
        }

        reader.Region = "metadata";
        return new GgufMetadata([.. entries], [.. offsets], indexByKey);
    }

    internal static string DescribeKey(int index, string key) => $"metadata key #{index} '{Printable(key)}'";

    /// <summary>Shortens a name from the file and hides control characters so it can be shown in one line.</summary>
    internal static string Printable(string text)
    {
        const int MaxShown = 80;
        var shown = new StringBuilder(Math.Min(text.Length, MaxShown + 1));
        foreach (var c in text.Length > MaxShown ? text[..MaxShown] : text)
        {
            shown.Append(char.IsControl(c) ? '?' : c);
        }

        return text.Length > MaxShown ? shown.Append('…').ToString() : shown.ToString();
    }
}
