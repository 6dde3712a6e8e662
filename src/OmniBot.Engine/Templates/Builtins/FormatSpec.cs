using System.Globalization;
using System.Numerics;
using System.Text;
using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>Python's format-spec mini-language (<c>format(value, spec)</c>, used by <c>str.format</c>): <c>[[fill]align][sign][#][0][width][,|_][.precision][type]</c>.</summary>
internal static class FormatSpec
{
    private sealed record Spec(char? Fill, char? Align, char Sign, bool Alternate, bool Zero, int Width, char? Grouping, int? Precision, char? Type);

    public static PyStr Format(RenderContext context, object? value, string spec)
    {
        if (spec.Length == 0)
        {
            return PyRepr.Str(value, context.MaxLength);
        }

        var parsed = Parse(spec);
        if (parsed.Width > context.MaxLength)
        {
            throw new TemplateLimitExceededException(TemplateLimit.OutputLength, context.MaxLength, $"asked for a field wider than {context.MaxLength} characters");
        }

        switch (value)
        {
            case PyStr text:
                return FormatString(context, text, parsed);
            case bool or long or BigInteger when parsed.Type is null or 'd' or 'b' or 'o' or 'x' or 'X' or 'c' or 'n':
                return new PyStr(Align(FormatInteger(PyOps.ToBigInteger(value), parsed), parsed, '>'));
            case bool or long or BigInteger or double:
                return new PyStr(Align(FormatFloat(PyOps.ToDouble(value), parsed), parsed, '>'));
            default:
                throw new TemplateRenderException("TypeError", $"unsupported format string passed to {PyOps.TypeName(value)}.__format__");
        }
    }

    private static Spec Parse(string spec)
    {
        var i = 0;
        char? fill = null;
        char? align = null;
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^' or '=')
        {
            fill = spec[0];
            align = spec[1];
            i = 2;
        }
        else if (spec.Length >= 1 && spec[0] is '<' or '>' or '^' or '=')
        {
            align = spec[0];
            i = 1;
        }

        var sign = '-';
        if (i < spec.Length && spec[i] is '+' or '-' or ' ')
        {
            sign = spec[i++];
        }

        var alternate = i < spec.Length && spec[i] == '#';
        if (alternate)
        {
            i++;
        }

        var zero = i < spec.Length && spec[i] == '0';
        if (zero)
        {
            i++;
        }

        var width = 0;
        while (i < spec.Length && char.IsAsciiDigit(spec[i]))
        {
            width = checked((width * 10) + (spec[i++] - '0'));
        }

        char? grouping = i < spec.Length && spec[i] is ',' or '_' ? spec[i++] : null;
        int? precision = null;
        if (i < spec.Length && spec[i] == '.')
        {
            i++;
            var start = i;
            var p = 0;
            while (i < spec.Length && char.IsAsciiDigit(spec[i]))
            {
                p = checked((p * 10) + (spec[i++] - '0'));
            }

            if (i == start)
            {
                throw new TemplateRenderException("ValueError", "Format specifier missing precision");
            }

            precision = p;
        }

        char? type = i < spec.Length ? spec[i++] : null;
        if (i != spec.Length)
        {
            throw new TemplateRenderException("ValueError", "Invalid format specifier");
        }

        return new Spec(fill, align, sign, alternate, zero, width, grouping, precision, type);
    }

    private static PyStr FormatString(RenderContext context, PyStr text, Spec spec)
    {
        if (spec.Type is not (null or 's'))
        {
            throw new TemplateRenderException("ValueError", $"Unknown format code '{spec.Type}' for object of type 'str'");
        }

        if (spec.Sign != '-' || spec.Alternate || spec.Grouping is not null || spec.Align == '=')
        {
            throw new TemplateRenderException("ValueError", "Sign not allowed in string format specifier");
        }

        var value = text;
        if (spec.Precision is { } precision && precision < text.CodePointCount)
        {
            value = text.Slice(0, text.OffsetOfCodePoint(precision));
        }

        var margin = spec.Width - value.CodePointCount;
        if (margin <= 0)
        {
            return value.WithMarkup(false);
        }

        var fill = new PyStr((spec.Fill ?? ' ').ToString());
        var left = (spec.Align ?? '<') switch
        {
            '>' => margin,
            '^' => margin / 2,
            _ => 0,
        };
        var builder = context.NewBuilder();
        builder.AppendRepeated(fill, left);
        builder.Append(value);
        builder.AppendRepeated(fill, margin - left);
        return builder.ToPyStr();
    }

    private static (string Sign, string Body) FormatInteger(BigInteger value, Spec spec)
    {
        var negative = value.Sign < 0;
        var magnitude = BigInteger.Abs(value);
        string body;
        string prefix = string.Empty;
        switch (spec.Type)
        {
            case 'b':
                body = ToBase(magnitude, 2);
                prefix = spec.Alternate ? "0b" : string.Empty;
                break;
            case 'o':
                body = ToBase(magnitude, 8);
                prefix = spec.Alternate ? "0o" : string.Empty;
                break;
            case 'x' or 'X':
                body = ToBase(magnitude, 16);
                prefix = spec.Alternate ? "0x" : string.Empty;
                if (spec.Type == 'X')
                {
                    body = body.ToUpperInvariant();
                    prefix = prefix.ToUpperInvariant();
                }

                break;
            case 'c':
                return (string.Empty, PyUnicode.ToText((int)value));
            default:
                body = magnitude.ToString(CultureInfo.InvariantCulture);
                break;
        }

        if (spec.Grouping is { } separator)
        {
            body = Group(body, separator, spec.Type is 'b' or 'o' or 'x' or 'X' ? 4 : 3);
        }

        var sign = negative ? "-" : spec.Sign switch { '+' => "+", ' ' => " ", _ => string.Empty };
        return (sign + prefix, body);
    }

    private static (string Sign, string Body) FormatFloat(double value, Spec spec)
    {
        var negative = double.IsNegative(value) && !double.IsNaN(value);
        var magnitude = Math.Abs(value);
        string body;
        switch (spec.Type)
        {
            case 'f' or 'F':
                body = PyFloatFormat.Fixed(magnitude, spec.Precision ?? 6);
                break;
            case 'e' or 'E':
                body = PyFloatFormat.Exponent(magnitude, spec.Precision ?? 6, 'e', spec.Alternate);
                break;
            case 'g' or 'G' or 'n':
                body = PyFloatFormat.General(magnitude, spec.Precision ?? 6, 'e', spec.Alternate);
                break;
            case '%':
                body = PyFloatFormat.Fixed(magnitude * 100, spec.Precision ?? 6) + "%";
                break;
            case null when spec.Precision is null:
                body = PyFloatFormat.Repr(magnitude);
                break;
            case null:
                body = PyFloatFormat.General(magnitude, spec.Precision.Value, 'e', spec.Alternate);
                if (double.IsFinite(magnitude) && !body.Contains('.', StringComparison.Ordinal) && !body.Contains('e', StringComparison.Ordinal))
                {
                    body += ".0";
                }

                break;
            default:
                throw new TemplateRenderException("ValueError", $"Unknown format code '{spec.Type}' for object of type 'float'");
        }

        if (spec.Type is 'F' or 'E' or 'G')
        {
            body = body.ToUpperInvariant();
        }

        if (spec.Grouping is { } separator)
        {
            var dot = body.IndexOfAny(['.', 'e', 'E', '%']);
            var integer = dot < 0 ? body : body[..dot];
            if (integer.All(char.IsAsciiDigit))
            {
                body = Group(integer, separator, 3) + (dot < 0 ? string.Empty : body[dot..]);
            }
        }

        var sign = negative ? "-" : spec.Sign switch { '+' => "+", ' ' => " ", _ => string.Empty };
        return (sign, body);
    }

    private static string Align((string Sign, string Body) parts, Spec spec, char defaultAlign)
    {
        var (sign, body) = parts;
        var align = spec.Align ?? (spec.Zero ? '=' : defaultAlign);
        var fill = spec.Fill ?? (spec.Zero && spec.Align is null ? '0' : ' ');
        var margin = spec.Width - sign.Length - body.Length;
        if (margin <= 0)
        {
            return sign + body;
        }

        return align switch
        {
            '<' => sign + body + new string(fill, margin),
            '^' => new string(fill, margin / 2) + sign + body + new string(fill, margin - (margin / 2)),
            '=' => sign + new string(fill, margin) + body,
            _ => new string(fill, margin) + sign + body,
        };
    }

    private static string ToBase(BigInteger value, int radix)
    {
        if (value.IsZero)
        {
            return "0";
        }

        var digits = new StringBuilder();
        while (!value.IsZero)
        {
            value = BigInteger.DivRem(value, radix, out var remainder);
            digits.Insert(0, "0123456789abcdef"[(int)remainder]);
        }

        return digits.ToString();
    }

    private static string Group(string digits, char separator, int size)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % size == 0)
            {
                builder.Append(separator);
            }

            builder.Append(digits[i]);
        }

        return builder.ToString();
    }
}
