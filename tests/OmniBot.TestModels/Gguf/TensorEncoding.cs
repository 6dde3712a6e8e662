using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OmniBot.TestModels.Gguf;

/// <summary>Encodes float values as little-endian F32 or F16 tensor bytes.</summary>
internal static class TensorEncoding
{
    public static ReadOnlySpan<byte> EncodeF32(ReadOnlySpan<float> values, Span<byte> buffer)
    {
        var destination = buffer[..(values.Length * sizeof(float))];
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(destination);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], values[i]);
            }
        }

        return destination;
    }

    public static ReadOnlySpan<byte> EncodeF16(ReadOnlySpan<float> values, Span<byte> buffer)
    {
        var destination = buffer[..(values.Length * 2)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(destination[(i * 2)..], (Half)values[i]);
        }

        return destination;
    }
}
