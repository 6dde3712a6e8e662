namespace OmniBot.Models.Tests.Gguf;

/// <summary>
/// A read-only stream of <see cref="Length"/> bytes: the given prefix, then zeros. Stands in for a large
/// model file whose tensor data the reader never reads, such as the structure of the real MiniLM model.
/// </summary>
internal sealed class ZeroExtendedStream(byte[] prefix, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Clamp(length - _position, 0, buffer.Length);
        var fromPrefix = (int)Math.Clamp(Math.Min(prefix.Length, length) - _position, 0, count);
        prefix.AsSpan((int)Math.Min(_position, prefix.Length), fromPrefix).CopyTo(buffer);
        buffer[fromPrefix..count].Clear();
        _position += count;
        return count;
    }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");
}
