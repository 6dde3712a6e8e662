using System.Globalization;
using System.Numerics;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>
/// Python's float text: <c>repr</c> (shortest round-trip, <c>1e+16</c>, <c>1.0</c>), and the exact, round-half-even
/// <c>%f</c>/<c>%e</c>/<c>%g</c> and <c>round()</c> that Python computes from a double's exact binary value.
/// </summary>
internal static class PyFloatFormat
{
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var (digits, pointPosition) = ShortestDigits(value);
        var sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : string.Empty;
        if (pointPosition is > -4 and <= 16)
        {
            if (pointPosition <= 0)
            {
                return sign + "0." + new string('0', -pointPosition) + digits;
            }

            if (pointPosition >= digits.Length)
            {
                return sign + digits + new string('0', pointPosition - digits.Length) + ".0";
            }

            return sign + digits[..pointPosition] + "." + digits[pointPosition..];
        }

        var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        return sign + mantissa + ExponentSuffix(pointPosition - 1, 'e');
    }

    /// <summary>The shortest round-trip significant digits and the decimal point position (value = 0.DIGITS × 10^position).</summary>
    private static (string Digits, int PointPosition) ShortestDigits(double value)
    {
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? text.Length : dot;
        var digits = text.Replace(".", string.Empty, StringComparison.Ordinal);
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..].TrimEnd('0');
        if (digits.Length == 0)
        {
            return ("0", 1);
        }

        return (digits, integerDigits - leading + exponent);
    }

    /// <summary><c>'%.Nf' % value</c>.</summary>
    public static string Fixed(double value, int precision)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        var scaled = RoundScaled(value, precision);
        var digits = BigInteger.Abs(scaled).ToString(CultureInfo.InvariantCulture).PadLeft(precision + 1, '0');
        var text = precision == 0 ? digits : digits[..^precision] + "." + digits[^precision..];
        return (double.IsNegative(value) ? "-" : string.Empty) + text;
    }

    /// <summary><c>'%.Ne' % value</c> (or <c>E</c> when <paramref name="exponentChar"/> is upper case).</summary>
    public static string Exponent(double value, int precision, char exponentChar = 'e', bool alternate = false)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        var (digits, exponent) = SignificantDigits(value, precision + 1);
        var mantissa = digits.Length > 1 || alternate ? digits[..1] + "." + digits[1..] : digits;
        return (double.IsNegative(value) ? "-" : string.Empty) + mantissa + ExponentSuffix(exponent, exponentChar);
    }

    /// <summary><c>'%.Ng' % value</c>: fixed or exponent notation by magnitude, trailing zeros removed unless <paramref name="alternate"/>.</summary>
    public static string General(double value, int precision, char exponentChar = 'e', bool alternate = false)
    {
        if (!double.IsFinite(value))
        {
            return NonFinite(value);
        }

        precision = precision == 0 ? 1 : precision;
        var exponent = value == 0 ? 0 : SignificantDigits(value, precision).Exponent;
        string text;
        if (exponent >= -4 && exponent < precision)
        {
            text = Fixed(value, precision - 1 - exponent);
            if (!alternate && text.Contains('.', StringComparison.Ordinal))
            {
                text = text.TrimEnd('0').TrimEnd('.');
            }
        }
        else
        {
            text = Exponent(value, precision - 1, exponentChar, alternate);
            if (!alternate)
            {
                var e = text.IndexOf(exponentChar, StringComparison.Ordinal);
                var mantissa = text[..e];
                if (mantissa.Contains('.', StringComparison.Ordinal))
                {
                    mantissa = mantissa.TrimEnd('0').TrimEnd('.');
                }

                text = mantissa + text[e..];
            }
        }

        return text;
    }

    /// <summary>Python's <c>round(value, ndigits)</c> for a float: exact half-even rounding of the binary value.</summary>
    public static double Round(double value, long ndigits)
    {
        if (!double.IsFinite(value) || value == 0 || ndigits > 330)
        {
            return value;
        }

        if (ndigits < -330)
        {
            return double.IsNegative(value) ? -0.0 : 0.0;
        }

        var scaled = RoundScaled(value, (int)ndigits);
        if (scaled.IsZero)
        {
            return double.IsNegative(value) ? -0.0 : 0.0;
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{scaled}E{-ndigits}");
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string NonFinite(double value) => double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    private static string ExponentSuffix(int exponent, char exponentChar) =>
        exponentChar + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);

    /// <summary><paramref name="count"/> correctly rounded significant digits of |value| and the decimal exponent of the first.</summary>
    private static (string Digits, int Exponent) SignificantDigits(double value, int count)
    {
        if (value == 0)
        {
            return (new string('0', count), 0);
        }

        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var lower = BigInteger.Pow(10, count - 1);
        var upper = lower * 10;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var scaled = BigInteger.Abs(RoundScaled(value, count - 1 - exponent));
            if (scaled >= upper)
            {
                exponent++;
                continue;
            }

            if (scaled < lower)
            {
                exponent--;
                continue;
            }

            return (scaled.ToString(CultureInfo.InvariantCulture), exponent);
        }

        var final = BigInteger.Abs(RoundScaled(value, count - 1 - exponent));
        return (final.ToString(CultureInfo.InvariantCulture)[..count], exponent);
    }

    /// <summary>round_half_even(value × 10^power), computed exactly from the double's binary value.</summary>
    private static BigInteger RoundScaled(double value, int power)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponentBits = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xFFFFFFFFFFFFFL;
        if (exponentBits == 0)
        {
            exponentBits = 1;
        }
        else
        {
            fraction |= 1L << 52;
        }

        var binaryExponent = exponentBits - 1075;
        BigInteger numerator = fraction;
        var denominator = BigInteger.One;
        if (binaryExponent >= 0)
        {
            numerator <<= binaryExponent;
        }
        else
        {
            denominator <<= -binaryExponent;
        }

        if (power >= 0)
        {
            numerator *= BigInteger.Pow(10, power);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -power);
        }

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        return value < 0 ? -quotient : quotient;
    }
}
