namespace OmniBot.Engine.Text;

/// <summary>
/// Tracks a UTF-8 byte stream across tokens and says whether more bytes keep it well-formed (RFC 3629:
/// no stray continuation bytes, overlong forms, surrogates or code points past U+10FFFF). llama.cpp's
/// grammar decoder is laxer than that, so constrained sampling checks tokens with this as well.
/// </summary>
internal struct Utf8Validator
{
    private int _remaining;
    private byte _nextLow;
    private byte _nextHigh;

    public readonly bool Allows(ReadOnlySpan<byte> bytes)
    {
        var copy = this;
        return copy.TryAdvance(bytes);
    }

    public bool TryAdvance(ReadOnlySpan<byte> bytes)
    {
        foreach (var value in bytes)
        {
            if (_remaining > 0)
            {
                if (value < _nextLow || value > _nextHigh)
                {
                    return false;
                }

                _remaining--;
                (_nextLow, _nextHigh) = (0x80, 0xBF);
                continue;
            }

            if (!TryStart(value))
            {
                return false;
            }
        }

        return true;
    }

    private bool TryStart(byte lead)
    {
        (_remaining, _nextLow, _nextHigh) = lead switch
        {
            <= 0x7F => (0, (byte)0, (byte)0),
            >= 0xC2 and <= 0xDF => (1, (byte)0x80, (byte)0xBF),
            0xE0 => (2, (byte)0xA0, (byte)0xBF),
            0xED => (2, (byte)0x80, (byte)0x9F),
            >= 0xE1 and <= 0xEF => (2, (byte)0x80, (byte)0xBF),
            0xF0 => (3, (byte)0x90, (byte)0xBF),
            >= 0xF1 and <= 0xF3 => (3, (byte)0x80, (byte)0xBF),
            0xF4 => (3, (byte)0x80, (byte)0x8F),
            _ => (-1, (byte)0, (byte)0),
        };
        return _remaining >= 0;
    }
}
