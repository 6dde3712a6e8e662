using System.Globalization;
using System.Numerics;
using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>Python's printf-style <c>'%s and %05.2f' % args</c> (also the <c>format</c> filter). On Markup, string arguments are escaped.</summary>
internal static class PercentFormatter
{
    public static PyStr Format(RenderContext context, PyStr format, object? arguments)
    {
        IReadOnlyList<object?> positional = arguments is PyList { IsTuple: true } tuple ? tuple : [arguments];
        var mapping = arguments as PyDict;
        var next = 0;
        var text = format.Value;
        var builder = context.NewBuilder();
        var literalStart = 0;
        var i = 0;

        object? NextArgument()
        {
            if (next >= positional.Count)
            {
                throw new TemplateRenderException("TypeError", "not enough arguments for format string");
            }

            return positional[next++];
        }

        while (i < text.Length)
        {
            if (text[i] != '%')
            {
                i++;
                continue;
            }

            builder.Append(format, literalStart, i - literalStart);
            i++;
            if (i >= text.Length)
            {
                throw new TemplateRenderException("ValueError", "incomplete format");
            }

            object? value = null;
            var hasValue = false;
            if (text[i] == '(')
            {
                var close = text.IndexOf(')', i);
                if (close < 0)
                {
                    throw new TemplateRenderException("ValueError", "incomplete format key");
                }

                if (mapping is null)
                {
                    throw new TemplateRenderException("TypeError", "format requires a mapping");
                }

                var key = new PyStr(text[(i + 1)..close]);
                if (!mapping.TryGetValue(key, out value))
                {
                    throw new TemplateRenderException("KeyError", PyRepr.QuoteString(key.Value));
                }

                hasValue = true;
                i = close + 1;
            }

            var flags = string.Empty;
            while (i < text.Length && text[i] is '-' or '+' or ' ' or '#' or '0')
            {
                flags += text[i++];
            }

            var width = ReadNumber(text, ref i, NextArgument, context);
            int? precision = null;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                precision = ReadNumber(text, ref i, NextArgument, context) ?? 0;
            }

            while (i < text.Length && text[i] is 'h' or 'l' or 'L')
            {
                i++;
            }

            if (i >= text.Length)
            {
                throw new TemplateRenderException("ValueError", "incomplete format");
            }

            var conversion = text[i++];
            literalStart = i;
            if (conversion == '%')
            {
                builder.Append('%');
                continue;
            }

            if (!hasValue)
            {
                value = NextArgument();
            }

            var (sign, body) = Convert(context, conversion, value, flags, precision, i - 1);
            AppendPadded(context, builder, sign, body, flags, width ?? 0, conversion, format.IsMarkup);
        }

        builder.Append(format, literalStart, text.Length - literalStart);
        if (next < positional.Count && mapping is null)
        {
            throw new TemplateRenderException("TypeError", "not all arguments converted during string formatting");
        }

        return builder.ToPyStr(format.IsMarkup);
    }

    private static int? ReadNumber(string text, ref int i, Func<object?> nextArgument, RenderContext context)
    {
        if (i < text.Length && text[i] == '*')
        {
            i++;
            var value = nextArgument();
            if (value is not (long or bool))
            {
                throw new TemplateRenderException("TypeError", "* wants int");
            }

            return (int)BigInteger.Clamp(PyOps.ToBigInteger(value), 0, context.MaxLength);
        }

        var start = i;
        var number = 0L;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            number = Math.Min((number * 10) + (text[i++] - '0'), int.MaxValue);
        }

        if (number > context.MaxLength)
        {
            throw new TemplateLimitExceededException(TemplateLimit.OutputLength, context.MaxLength, $"asked for a field wider than {context.MaxLength} characters");
        }

        return i > start ? (int)number : null;
    }

    private static (string Sign, object Body) Convert(RenderContext context, char conversion, object? value, string flags, int? precision, int position)
    {
        switch (conversion)
        {
            case 's' or 'r' or 'a':
                var text = conversion == 's' ? PyRepr.Str(value, context.MaxLength) : PyRepr.Repr(value, context.MaxLength);
                if (precision is { } p && p < text.CodePointCount)
                {
                    text = text.Slice(0, text.OffsetOfCodePoint(p));
                }

                return (string.Empty, text);
            case 'd' or 'i' or 'u' or 'o' or 'x' or 'X':
                var integer = value switch
                {
                    bool or long or BigInteger => PyOps.ToBigInteger(value),
                    double d when double.IsFinite(d) => new BigInteger(Math.Truncate(d)),
                    double => throw new TemplateRenderException("OverflowError", "cannot convert float infinity to integer"),
                    _ => throw new TemplateRenderException("TypeError", $"%{conversion} format: a {(conversion is 'd' or 'i' or 'u' ? "real number" : "number")} is required, not {PyOps.TypeName(value)}"),
                };
                var digits = conversion switch
                {
                    'o' => ToBase(BigInteger.Abs(integer), 8, flags.Contains('#') ? "0o" : string.Empty),
                    'x' => ToBase(BigInteger.Abs(integer), 16, flags.Contains('#') ? "0x" : string.Empty),
                    'X' => ToBase(BigInteger.Abs(integer), 16, flags.Contains('#') ? "0x" : string.Empty).ToUpperInvariant(),
                    _ => BigInteger.Abs(integer).ToString(CultureInfo.InvariantCulture),
                };
                if (precision is { } minDigits && digits.Length < minDigits)
                {
                    digits = digits.PadLeft(minDigits, '0');
                }

                return (SignOf(integer.Sign < 0, flags), digits);
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G':
                if (!PyOps.IsNumber(value))
                {
                    throw new TemplateRenderException("TypeError", $"must be real number, not {PyOps.TypeName(value)}");
                }

                var number = PyOps.ToDouble(value!);
                var magnitude = Math.Abs(number);
                var alternate = flags.Contains('#');
                var body = char.ToLowerInvariant(conversion) switch
                {
                    'e' => PyFloatFormat.Exponent(magnitude, precision ?? 6, 'e', alternate),
                    'f' => PyFloatFormat.Fixed(magnitude, precision ?? 6),
                    _ => PyFloatFormat.General(magnitude, precision ?? 6, 'e', alternate),
                };
                if (char.IsUpper(conversion))
                {
                    body = body.ToUpperInvariant();
                }

                return (SignOf(double.IsNegative(number) && !double.IsNaN(number), flags), body);
            case 'c':
                return (string.Empty, value switch
                {
                    PyStr { CodePointCount: 1 } single => single,
                    long code when code is >= 0 and <= 0x10FFFF => new PyStr(PyUnicode.ToText((int)code)),
                    _ => throw new TemplateRenderException("TypeError", "%c requires int or char"),
                });
            default:
                throw new TemplateRenderException(
                    "ValueError",
                    $"unsupported format character '{conversion}' (0x{(int)conversion:x}) at index {position}");
        }
    }

    private static string SignOf(bool negative, string flags) =>
        negative ? "-" : flags.Contains('+') ? "+" : flags.Contains(' ') ? " " : string.Empty;

    private static string ToBase(BigInteger value, int radix, string prefix)
    {
        var digits = value.IsZero ? "0" : string.Empty;
        while (!value.IsZero)
        {
            value = BigInteger.DivRem(value, radix, out var remainder);
            digits = "0123456789abcdef"[(int)remainder] + digits;
        }

        return prefix + digits;
    }

    private static void AppendPadded(RenderContext context, PyStrBuilder builder, string sign, object body, string flags, int width, char conversion, bool escape)
    {
        var text = body as PyStr ?? new PyStr((string)body);
        if (escape && conversion is 's' or 'r' or 'a' or 'c')
        {
            text = Html.Escape(text, context);
        }

        var length = sign.Length + text.CodePointCount;
        var margin = width - length;
        var leftAlign = flags.Contains('-');
        var zeroPad = flags.Contains('0') && !leftAlign && conversion is not ('s' or 'r' or 'a' or 'c');
        if (margin > 0 && !leftAlign && !zeroPad)
        {
            builder.AppendRepeated(new PyStr(" "), margin);
        }

        builder.Append(sign);
        if (margin > 0 && zeroPad)
        {
            var prefixLength = text.Value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Value.StartsWith("0o", StringComparison.Ordinal) ? 2 : 0;
            builder.Append(text, 0, prefixLength);
            builder.AppendRepeated(new PyStr("0"), margin);
            builder.Append(text, prefixLength, text.Length - prefixLength);
        }
        else
        {
            builder.Append(text);
        }

        if (margin > 0 && leftAlign)
        {
            builder.AppendRepeated(new PyStr(" "), margin);
        }
    }
}
