using System.Globalization;

namespace OmniBot.Engine.Grammar;

/// <summary>Characters, escapes and character classes, read exactly as llama.cpp reads them.</summary>
internal sealed partial class GbnfParser
{
    // A character class cannot contain another, so it is read in one loop, without recursion.
    private GbnfCharacterClass ParseCharacterClass()
    {
        var open = _pos;
        _pos++;
        var negated = false;
        if (Current == '^')
        {
            negated = true;
            _pos++;
        }

        var ranges = new List<GbnfCharacterRange>();
        while (Current != ']')
        {
            if (AtEnd)
            {
                throw Error("unterminated character class: add the closing ']'", open);
            }

            var rangeStart = _pos;
            var first = ParseChar();
            var last = first;
            if (Current == '-' && _pos + 1 < _text.Length && _text[_pos + 1] != ']')
            {
                _pos++;
                last = ParseChar();
                if (last < first)
                {
                    throw Error($"character range is reversed (U+{first:X4} comes after U+{last:X4})", rangeStart);
                }
            }

            ranges.Add(new GbnfCharacterRange(first, last));
        }

        if (ranges.Count == 0)
        {
            throw Error("empty character class []; llama.cpp would treat it as matching nothing at all", open);
        }

        _pos++;
        return new GbnfCharacterClass(negated, ranges);
    }

    private int ParseChar()
    {
        var start = _pos;
        if (AtEnd)
        {
            throw Error("unexpected end of the grammar", start);
        }

        var c = _text[_pos];
        if (c == '\\')
        {
            if (_pos + 1 >= _text.Length)
            {
                throw Error("unexpected end of the grammar after '\\'", start);
            }

            var e = _text[_pos + 1];
            _pos += 2;
            switch (e)
            {
                case 'x':
                    return ParseHex(2, start);
                case 'u':
                    return ParseHex(4, start);
                case 'U':
                    return ParseHex(8, start);
                case 't':
                    return '\t';
                case 'r':
                    return '\r';
                case 'n':
                    return '\n';
                case '\\' or '"' or '[' or ']':
                    return e;
                default:
                    throw Error($"unknown escape '\\{e}'; use \\xHH, \\uHHHH, \\t, \\r, \\n, \\\\, \\\", \\[ or \\]", start);
            }
        }

        if (char.IsHighSurrogate(c) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]))
        {
            _pos += 2;
            return char.ConvertToUtf32(c, _text[_pos - 1]);
        }

        if (char.IsSurrogate(c))
        {
            throw Error("unpaired UTF-16 surrogate in the grammar text", start);
        }

        _pos++;
        return c;
    }

    private int ParseHex(int digits, int escapeStart)
    {
        var value = 0;
        for (var i = 0; i < digits; i++)
        {
            var c = Current;
            if (!char.IsAsciiHexDigit(c))
            {
                throw Error($"escape needs exactly {digits} hex digits", escapeStart);
            }

            value = (value * 16) + int.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            _pos++;
        }

        if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        {
            throw Error($"escape U+{value:X} is not a Unicode scalar value", escapeStart);
        }

        return value;
    }
}
