using System.Buffers.Binary;
using System.Text;

namespace OmniBot.TestModels.Gguf;

/// <summary>Little-endian GGUF primitives over a stream, counting the bytes written so far.</summary>
internal sealed class GgufOutput(Stream destination)
{
    private static readonly byte[] Zeros = new byte[256];
    private readonly byte[] _scratch = new byte[8];

    public long Position { get; private set; }

    public void WriteByte(byte value)
    {
        destination.WriteByte(value);
        Position++;
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_scratch, value);
        WriteBytes(_scratch.AsSpan(0, 2));
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_scratch, value);
        WriteBytes(_scratch.AsSpan(0, 4));
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_scratch, value);
        WriteBytes(_scratch.AsSpan(0, 8));
    }

    public void WriteString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteUInt64((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        destination.Write(bytes);
        Position += bytes.Length;
    }

    public void PadTo(uint alignment)
    {
        var padding = (long)((alignment - (ulong)Position % alignment) % alignment);
        while (padding > 0)
        {
            var chunk = (int)Math.Min(padding, Zeros.Length);
            WriteBytes(Zeros.AsSpan(0, chunk));
            padding -= chunk;
        }
    }
}
