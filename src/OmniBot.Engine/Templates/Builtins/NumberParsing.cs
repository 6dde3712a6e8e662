using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>Python's <c>int(text, base)</c> and <c>float(text)</c> parsing rules (whitespace, signs, underscores, prefixes, inf/nan).</summary>
internal static partial class NumberParsing
{
    // Each repetition consumes exactly one digit, so the pattern matches in one pass (no backtracking blow-up on long input).
    [GeneratedRegex(@"^[+-]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?$")]
    private static partial Regex FloatPattern();

    public static bool TryParseInt(string text, int radix, out object value)
    {
        value = 0L;
        var s = Trim(text);
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'x' or 'o' or 'b')
        {
            var prefixRadix = char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            if (radix == 0 || radix == prefixRadix)
            {
                radix = prefixRadix;
                s = s[2..];
                if (s.StartsWith('_'))
                {
                    s = s[1..];
                }
            }
        }
        else if (radix == 0)
        {
            radix = 10;
            if (s.Length > 1 && s[0] == '0' && s.Any(c => c is not ('0' or '_')))
            {
                return false;
            }
        }

        if (s.Length == 0 || s[0] == '_' || s[^1] == '_' || s.Contains("__", StringComparison.Ordinal) || radix < 2)
        {
            return false;
        }

        var result = BigInteger.Zero;
        foreach (var c in s)
        {
            if (c == '_')
            {
                continue;
            }

            var digit = DigitValue(c);
            if (digit < 0 || digit >= radix)
            {
                return false;
            }

            result = (result * radix) + digit;
        }

        value = PyOps.Integer(negative ? -result : result);
        return true;
    }

    public static bool TryParseFloat(string text, out double value)
    {
        value = 0;
        var s = Trim(text);
        var lower = s.ToLowerInvariant();
        var unsigned = lower.TrimStart('+', '-');
        if (unsigned.Length != lower.Length - 1 && unsigned.Length != lower.Length)
        {
            return false;
        }

        var negative = lower.StartsWith('-');
        if (unsigned is "inf" or "infinity")
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (unsigned == "nan")
        {
            value = double.NaN;
            return true;
        }

        var ascii = new string([.. s.Select(c => DigitValue(c) is var d and >= 0 and <= 9 && !char.IsAscii(c) ? (char)('0' + d) : c)]);
        if (!FloatPattern().IsMatch(ascii))
        {
            return false;
        }

        value = double.Parse(ascii.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    private static string Trim(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && PyUnicode.IsSpace(text[start]))
        {
            start++;
        }

        while (end > start && PyUnicode.IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    private static int DigitValue(char c)
    {
        if (c is >= 'a' and <= 'z')
        {
            return c - 'a' + 10;
        }

        if (c is >= 'A' and <= 'Z')
        {
            return c - 'A' + 10;
        }

        return CharUnicodeInfo.GetDecimalDigitValue(c);
    }
}
