using System.Globalization;
using System.Text;

namespace OmniBot.Engine.Templates.Values;

/// <summary>Python's character classes and code-point view of strings (Python indexes strings by code point, .NET by UTF-16 unit).</summary>
internal static class PyUnicode
{
    /// <summary>Python's <c>str.isspace()</c> for one character (also what <c>\s</c> matches in Python's <c>re</c>).</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    /// <summary>The line boundaries of Python's <c>str.splitlines()</c> (<c>\r\n</c> is handled by the caller).</summary>
    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    public static bool HasSurrogates(string s) => s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    /// <summary>Number of code points (Python's <c>len</c>); a lone surrogate counts as one.</summary>
    public static int CodePointCount(string s)
    {
        if (!HasSurrogates(s))
        {
            return s.Length;
        }

        var count = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>UTF-16 offsets of every code point start, plus the string length at the end.</summary>
    public static int[] CodePointOffsets(string s)
    {
        var offsets = new List<int>(s.Length + 1);
        for (var i = 0; i < s.Length; i++)
        {
            offsets.Add(i);
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
        }

        offsets.Add(s.Length);
        return [.. offsets];
    }

    /// <summary>Reads the code point at <paramref name="index"/> and how many UTF-16 units it uses.</summary>
    public static int CodePointAt(string s, int index, out int width)
    {
        var c = s[index];
        if (char.IsHighSurrogate(c) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(c, s[index + 1]);
        }

        width = 1;
        return c;
    }

    /// <summary>Orders strings by code point, as Python compares them (UTF-16 order differs above U+D7FF).</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x != y)
            {
                return FixUp(x) - FixUp(y);
            }
        }

        return a.Length - b.Length;

        static int FixUp(char c) => c >= '\uE000' ? c - 0x800 : c >= '\uD800' ? c + 0x2000 : c;
    }

    public static bool IsCased(int codePoint)
    {
        var category = GetCategory(codePoint);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;
    }

    public static bool IsUpper(int codePoint) => GetCategory(codePoint) is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter;

    public static bool IsLower(int codePoint) => GetCategory(codePoint) == UnicodeCategory.LowercaseLetter;

    public static UnicodeCategory GetCategory(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint);

    /// <summary>Python's <c>str.upper()</c> of one code point, with the full (multi-character) mappings Python applies.</summary>
    public static string Upper(int codePoint) => codePoint switch
    {
        0xDF => "SS",
        0x149 => "\u02BCN",
        0xFB00 => "FF",
        0xFB01 => "FI",
        0xFB02 => "FL",
        0xFB03 => "FFI",
        0xFB04 => "FFL",
        0xFB05 or 0xFB06 => "ST",
        _ => MapSimple(codePoint, upper: true),
    };

    /// <summary>Python's <c>str.lower()</c> of one code point.</summary>
    public static string Lower(int codePoint) => codePoint switch
    {
        0x130 => "i\u0307",
        _ => MapSimple(codePoint, upper: false),
    };

    /// <summary>Python's title case of one code point (used by <c>str.title()</c> and <c>str.capitalize()</c>).</summary>
    public static string Title(int codePoint) => codePoint switch
    {
        0x1C4 or 0x1C5 or 0x1C6 => "\u01C5",
        0x1C7 or 0x1C8 or 0x1C9 => "\u01C8",
        0x1CA or 0x1CB or 0x1CC => "\u01CB",
        0x1F1 or 0x1F2 or 0x1F3 => "\u01F2",
        0xDF => "Ss",
        0xFB00 => "Ff",
        0xFB01 => "Fi",
        0xFB02 => "Fl",
        0xFB03 => "Ffi",
        0xFB04 => "Ffl",
        0xFB05 or 0xFB06 => "St",
        _ => Upper(codePoint),
    };

    private static string MapSimple(int codePoint, bool upper)
    {
        var text = ToText(codePoint);
        return upper ? text.ToUpperInvariant() : text.ToLowerInvariant();
    }

    /// <summary>Python's <c>str.isprintable()</c> for one code point (what <c>repr</c> leaves unescaped).</summary>
    public static bool IsPrintable(int codePoint)
    {
        if (codePoint == ' ')
        {
            return true;
        }

        var category = GetCategory(codePoint);
        return category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
    }

    public static bool IsAlpha(int codePoint) => GetCategory(codePoint) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter;

    public static bool IsDecimal(int codePoint) => GetCategory(codePoint) == UnicodeCategory.DecimalDigitNumber;

    public static bool IsDigit(int codePoint) => IsDecimal(codePoint) || CharUnicodeInfo.GetDigitValue(ToText(codePoint), 0) >= 0;

    public static bool IsNumeric(int codePoint) => GetCategory(codePoint) is UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        || CharUnicodeInfo.GetNumericValue(ToText(codePoint), 0) >= 0;

    /// <summary>Python's <c>\w</c> (word character) for one code point.</summary>
    public static bool IsWordChar(int codePoint) => codePoint == '_' || IsAlpha(codePoint) || IsNumeric(codePoint)
        || GetCategory(codePoint) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;

    /// <summary>Enumerates code points with their UTF-16 start offset and width.</summary>
    public static IEnumerable<(int CodePoint, int Offset, int Width)> Enumerate(string s)
    {
        for (var i = 0; i < s.Length;)
        {
            var codePoint = CodePointAt(s, i, out var width);
            yield return (codePoint, i, width);
            i += width;
        }
    }

    /// <summary>The text of one code point; a lone surrogate stays one UTF-16 unit.</summary>
    public static string ToText(int codePoint) =>
        codePoint is >= 0xD800 and <= 0xDFFF ? ((char)codePoint).ToString() : char.ConvertFromUtf32(codePoint);

    public static void AppendCodePoint(StringBuilder builder, int codePoint)
    {
        if (codePoint < 0x10000)
        {
            builder.Append((char)codePoint);
        }
        else
        {
            builder.Append(ToText(codePoint));
        }
    }
}
