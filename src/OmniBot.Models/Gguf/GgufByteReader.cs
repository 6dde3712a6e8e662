using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace OmniBot.Models.Gguf;

/// <summary>
/// Reads little-endian primitives through one fixed buffer, knowing how many bytes the file still holds,
/// so that every length and count from the file is checked before anything is allocated for it.
/// </summary>
internal sealed class GgufByteReader
{
    internal const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private long _bufferStart;
    private int _bufferCount;
    private int _bufferIndex;

    public GgufByteReader(Stream stream, long fileSize, string? filePath)
    {
        _stream = stream;
        FileSize = fileSize;
        FilePath = filePath;
    }

    public long FileSize { get; }

    public string? FilePath { get; }

    /// <summary>The part of the file being read, named in errors.</summary>
    public string Region { get; set; } = "header";

    public long Position => _bufferStart + _bufferIndex;

    public long Remaining => FileSize - Position;

    public GgufFormatException Error(string problem) => Error(problem, Position);

    public GgufFormatException Error(string problem, long offset) => new(problem, offset, Region, FilePath);

    public byte ReadByte(string what) => Take(1, what)[0];

    public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    public ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

    public ReadOnlySpan<byte> ReadBytes(int count, string what) => Take(count, what);

    /// <summary>Reads a GGUF string (u64 length, then UTF-8 bytes).</summary>
    /// <param name="what">Names the string in errors ("key", "tensor name", "value").</param>
    /// <param name="maxLength">The longest allowed byte length.</param>
    /// <param name="strict">Reject bytes that are not valid UTF-8, instead of replacing them.</param>
    public string ReadString(string what, long maxLength, bool strict)
    {
        var lengthOffset = Position;
        var length = BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what, " length"));
        if (length > (ulong)Remaining)
        {
            throw Error($"the {what} is {length} bytes long, but only {Remaining} bytes are left in the file", lengthOffset);
        }

        if (length > (ulong)maxLength)
        {
            throw Error($"the {what} is {length} bytes long; at most {maxLength} are allowed", lengthOffset);
        }

        if (length == 0)
        {
            return string.Empty;
        }

        var count = checked((int)length);
        if (count <= BufferSize)
        {
            return Decode(Take(count, what), what, strict, lengthOffset);
        }

        var bytes = new byte[count];
        ReadExactly(bytes, what);
        return Decode(bytes, what, strict, lengthOffset);
    }

    /// <summary>Reads <paramref name="count"/> little-endian items; the caller has checked the count against <see cref="Remaining"/>.</summary>
    public T[] ReadArray<T>(int count, string what)
        where T : unmanaged
    {
        if (count == 0)
        {
            return [];
        }

        var items = new T[count];
        ReadExactly(MemoryMarshal.AsBytes(items.AsSpan()), what);
        if (!BitConverter.IsLittleEndian)
        {
            ReverseEndianness(MemoryMarshal.AsBytes(items.AsSpan()), Unsafe.SizeOf<T>());
        }

        return items;
    }

    private string Decode(ReadOnlySpan<byte> bytes, string what, bool strict, long offset) =>
        !strict || Utf8.IsValid(bytes)
            ? Encoding.UTF8.GetString(bytes)
            : throw Error($"the {what} is not valid UTF-8", offset);

    /// <param name="what">Names the field in errors, followed by <paramref name="whatSuffix"/>; kept apart so that nothing is formatted unless there is an error.</param>
    private ReadOnlySpan<byte> Take(int count, string what, string? whatSuffix = null)
    {
        if (count > Remaining)
        {
            throw Error($"the file ends while reading the {what}{whatSuffix}: {count} bytes needed, {Remaining} left");
        }

        if (_bufferCount - _bufferIndex < count)
        {
            Fill(count);
        }

        var span = _buffer.AsSpan(_bufferIndex, count);
        _bufferIndex += count;
        return span;
    }

    private void ReadExactly(Span<byte> destination, string what)
    {
        if (destination.Length > Remaining)
        {
            throw Error($"the file ends while reading the {what}: {destination.Length} bytes needed, {Remaining} left");
        }

        var fromBuffer = Math.Min(_bufferCount - _bufferIndex, destination.Length);
        _buffer.AsSpan(_bufferIndex, fromBuffer).CopyTo(destination);
        _bufferIndex += fromBuffer;
        var rest = destination[fromBuffer..];
        if (rest.IsEmpty)
        {
            return;
        }

        if (rest.Length < BufferSize)
        {
            Take(rest.Length, what).CopyTo(rest);
            return;
        }

        _bufferStart = Position;
        _bufferIndex = _bufferCount = 0;
        ReadFromStream(rest, rest.Length);
        _bufferStart += rest.Length;
    }

    private void Fill(int count)
    {
        var left = _bufferCount - _bufferIndex;
        Buffer.BlockCopy(_buffer, _bufferIndex, _buffer, 0, left);
        _bufferStart += _bufferIndex;
        _bufferIndex = 0;
        _bufferCount = left;
        var wanted = (int)Math.Min(BufferSize - left, FileSize - _bufferStart - left);
        _bufferCount = left + ReadFromStream(_buffer.AsSpan(left, wanted), count - left);
    }

    private int ReadFromStream(Span<byte> destination, int minimum)
    {
        // The stream's Length said these bytes exist; a stream that ends early is as truncated as a short file.
        var read = _stream.ReadAtLeast(destination, minimum, throwOnEndOfStream: false);
        return read >= minimum
            ? read
            : throw Error($"the stream ended before its reported length of {FileSize} bytes");
    }

    private static void ReverseEndianness(Span<byte> bytes, int itemSize)
    {
        for (var i = 0; i + itemSize <= bytes.Length && itemSize > 1; i += itemSize)
        {
            bytes.Slice(i, itemSize).Reverse();
        }
    }
}
