using System.Text;

namespace OmniBot.Engine.Text;

/// <summary>
/// Turns the bytes of successive token pieces into text, holding back a multi-byte UTF-8 character
/// until all of its bytes have arrived so that no caller ever sees half a character.
/// </summary>
internal sealed class Utf8StreamDecoder
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private char[] _chars = new char[64];

    public string Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        var needed = _decoder.GetCharCount(bytes, flush: false);
        if (needed > _chars.Length)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        var written = _decoder.GetChars(bytes, _chars, flush: false);
        return new string(_chars, 0, written);
    }

    /// <summary>Ends the stream; an incomplete trailing character becomes U+FFFD.</summary>
    public string Flush()
    {
        var written = _decoder.GetChars(ReadOnlySpan<byte>.Empty, _chars, flush: true);
        return new string(_chars, 0, written);
    }
}
