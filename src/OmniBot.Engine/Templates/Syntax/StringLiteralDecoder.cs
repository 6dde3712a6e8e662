using System.Globalization;
using System.Text;

namespace OmniBot.Engine.Templates.Syntax;

/// <summary>
/// Decodes the inside of a Jinja string literal the way Jinja does: every non-ASCII character is first
/// written as a backslash escape, then the whole text is decoded with Python's <c>unicode-escape</c> codec.
/// (So <c>'\é'</c> becomes the five characters <c>\xe9</c>, exactly as in Python.)
/// </summary>
internal static class StringLiteralDecoder
{
    public static string Decode(string raw)
    {
        if (!raw.Contains('\\', StringComparison.Ordinal))
        {
            return raw;
        }

        var escaped = EscapeNonAscii(raw);
        var result = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            var c = escaped[i];
            if (c != '\\')
            {
                result.Append(c);
                continue;
            }

            if (++i >= escaped.Length)
            {
                throw new FormatException("\\ at end of string");
            }

            var n = escaped[i];
            switch (n)
            {
                case '\n':
                    break;
                case '\\' or '\'' or '"':
                    result.Append(n);
                    break;
                case 'a':
                    result.Append('\a');
                    break;
                case 'b':
                    result.Append('\b');
                    break;
                case 'f':
                    result.Append('\f');
                    break;
                case 'n':
                    result.Append('\n');
                    break;
                case 'r':
                    result.Append('\r');
                    break;
                case 't':
                    result.Append('\t');
                    break;
                case 'v':
                    result.Append('\v');
                    break;
                case >= '0' and <= '7':
                    var octal = n - '0';
                    for (var k = 0; k < 2 && i + 1 < escaped.Length && escaped[i + 1] is >= '0' and <= '7'; k++)
                    {
                        octal = (octal * 8) + (escaped[++i] - '0');
                    }

                    result.Append((char)octal);
                    break;
                case 'x':
                    AppendHex(result, escaped, ref i, 2, "truncated \\xXX escape");
                    break;
                case 'u':
                    AppendHex(result, escaped, ref i, 4, "truncated \\uXXXX escape");
                    break;
                case 'U':
                    AppendHex(result, escaped, ref i, 8, "truncated \\UXXXXXXXX escape");
                    break;
                case 'N':
                    throw new FormatException("named Unicode escapes (\\N{...}) are not supported; write the character itself");
                default:
                    result.Append('\\').Append(n);
                    break;
            }
        }

        return result.ToString();
    }

    private static void AppendHex(StringBuilder result, string text, ref int i, int digits, string truncated)
    {
        if (i + digits >= text.Length)
        {
            throw new FormatException(truncated);
        }

        var hex = text.Substring(i + 1, digits);
        foreach (var h in hex)
        {
            if (!char.IsAsciiHexDigit(h))
            {
                throw new FormatException(truncated);
            }
        }

        var value = long.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (value > 0x10FFFF)
        {
            throw new FormatException("illegal Unicode character");
        }

        if (value is >= 0xD800 and <= 0xDFFF)
        {
            result.Append((char)value);
        }
        else
        {
            result.Append(char.ConvertFromUtf32((int)value));
        }

        i += digits;
    }

    private static string EscapeNonAscii(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c < 0x80)
            {
                builder.Append(c);
                continue;
            }

            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, raw[++i]);
            }

            builder.Append(codePoint switch
            {
                <= 0xFF => string.Create(CultureInfo.InvariantCulture, $"\\x{codePoint:x2}"),
                <= 0xFFFF => string.Create(CultureInfo.InvariantCulture, $"\\u{codePoint:x4}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\U{codePoint:x8}"),
            });
        }

        return builder.ToString();
    }
}
