using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

internal static partial class BuiltinFilters
{
    private static object? Default(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("do_default", ["default_value", "boolean"], PyStr.Empty, false);
        return value is Undefined || (PyOps.IsTruthy(bound[1]) && !PyOps.IsTruthy(value)) ? bound[0] : value;
    }

    private static object Length(object? value, CallArguments arguments)
    {
        arguments.Bind("len", []);
        return (long)PyAccess.Length(value);
    }

    private static object? Abs(RenderContext context, object? value, CallArguments arguments)
    {
        arguments.Bind("abs", []);
        return value switch
        {
            double d => Math.Abs(d),
            bool or long or BigInteger => PyOps.Integer(BigInteger.Abs(PyOps.ToBigInteger(value))),
            _ => throw new TemplateRenderException("TypeError", $"bad operand type for abs(): '{PyOps.TypeName(value)}'"),
        };
    }

    private static PyStr Format(RenderContext context, object? value, CallArguments arguments)
    {
        if (arguments.Positional.Count > 0 && arguments.Keywords.Count > 0)
        {
            throw FilterArgumentError("can't handle positional and keyword arguments at the same time");
        }

        object? formatArguments;
        if (arguments.Keywords.Count > 0)
        {
            var mapping = new PyDict();
            foreach (var (key, item) in arguments.Keywords)
            {
                mapping.Set(new PyStr(key), item);
            }

            formatArguments = mapping;
        }
        else
        {
            formatArguments = new PyList([.. arguments.Positional], isTuple: true);
        }

        return PercentFormatter.Format(context, SoftStr(value, context), formatArguments);
    }

    private static PyStr Replace(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("do_replace", ["old", "new", "count"], [null]);
        var count = bound[2] is null ? -1L : (long)PyAccess.AsInteger(bound[2], "count");
        return StrMethods.Replace(context, PyRepr.Str(value, context.MaxLength), PyRepr.Str(bound[0]), PyRepr.Str(bound[1]), count);
    }

    private static PyStr Title(RenderContext context, object? value, CallArguments arguments)
    {
        arguments.Bind("do_title", []);
        var text = SoftStr(value, context);
        var builder = context.NewBuilder();
        var wordStart = true;
        foreach (var (codePoint, offset, width) in PyUnicode.Enumerate(text.Value))
        {
            var separator = codePoint is '-' or '(' or '{' or '[' or '<' || (codePoint < 0x10000 && PyUnicode.IsSpace((char)codePoint));
            if (separator)
            {
                builder.Append(text, offset, width);
                wordStart = true;
                continue;
            }

            builder.Append(wordStart ? PyUnicode.Upper(codePoint) : PyUnicode.Lower(codePoint), text.IsContentAt(offset));
            wordStart = false;
        }

        return builder.ToPyStr(text.IsMarkup);
    }

    private static PyStr Indent(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("do_indent", ["width", "first", "blank"], 4L, false, false);
        var indentation = bound[0] is PyStr text ? text : new PyStr(new string(' ', (int)BigInteger.Clamp(PyAccess.AsInteger(bound[0], "width"), 0, context.MaxLength)));
        if (value is Undefined undefined)
        {
            throw undefined.Error();
        }

        if (value is not PyStr source)
        {
            throw new TemplateRenderException("TypeError", $"unsupported operand type(s) for +=: '{PyOps.TypeName(value)}' and 'str'");
        }

        var lines = ((PyList)PyMethods.Invoke(context, PyArithmetic.Concatenate(source, new PyStr("\n"), context), "splitlines", CallArguments.Empty)!)
            .Cast<PyStr>().ToList();
        var newline = new PyStr("\n");
        var builder = context.NewBuilder();
        if (PyOps.IsTruthy(bound[1]))
        {
            builder.Append(indentation);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(newline);
                if (PyOps.IsTruthy(bound[2]) || lines[i].Length > 0)
                {
                    builder.Append(indentation);
                }
            }

            builder.Append(lines[i]);
        }

        return builder.ToPyStr(source.IsMarkup);
    }

    private static object? Int(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("do_int", ["default", "base"], 0L, 10L);
        switch (value)
        {
            case Undefined undefined:
                throw undefined.Error();
            case bool or long or BigInteger:
                return PyOps.Integer(PyOps.ToBigInteger(value));
            case double d:
                return double.IsFinite(d)
                    ? PyOps.Integer(new BigInteger(Math.Truncate(d)))
                    : throw new TemplateRenderException(double.IsNaN(d) ? "ValueError" : "OverflowError", double.IsNaN(d) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
            case PyStr text:
                var radix = (int)BigInteger.Clamp(PyAccess.AsInteger(bound[1], "base"), 0, 36);
                if (NumberParsing.TryParseInt(text.Value, radix, out var parsed))
                {
                    return parsed;
                }

                if (NumberParsing.TryParseFloat(text.Value, out var asFloat))
                {
                    return double.IsFinite(asFloat)
                        ? PyOps.Integer(new BigInteger(Math.Truncate(asFloat)))
                        : throw new TemplateRenderException(double.IsNaN(asFloat) ? "ValueError" : "OverflowError", double.IsNaN(asFloat) ? "cannot convert float NaN to integer" : "cannot convert float infinity to integer");
                }

                return bound[0];
            default:
                return bound[0];
        }
    }

    private static object? Float(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("do_float", ["default"], 0.0);
        return value switch
        {
            Undefined undefined => throw undefined.Error(),
            bool or long or BigInteger or double => PyOps.ToDouble(value),
            PyStr text when NumberParsing.TryParseFloat(text.Value, out var parsed) => parsed,
            _ => bound[0],
        };
    }

    private static object? Round(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("do_round", ["precision", "method"], 0L, new PyStr("common"));
        var method = PyRepr.Str(bound[1]).Value;
        if (method is not ("common" or "ceil" or "floor"))
        {
            throw FilterArgumentError("method must be common, ceil or floor");
        }

        var precision = PyAccess.AsInteger(bound[0], "precision");
        if (method == "common")
        {
            return value switch
            {
                double d => PyFloatFormat.Round(d, (long)BigInteger.Clamp(precision, -10000, 10000)),
                bool or long or BigInteger => RoundInteger(PyOps.ToBigInteger(value), precision),
                Undefined => throw new TemplateRenderException("TypeError", "type Undefined doesn't define __round__ method"),
                _ => throw new TemplateRenderException("TypeError", $"type {PyOps.TypeName(value)} doesn't define __round__ method"),
            };
        }

        var scale = PyArithmetic.Binary(Syntax.BinaryOperator.Pow, 10L, PyOps.Integer(precision), context);
        var scaled = PyOps.ToDouble(PyArithmetic.Binary(Syntax.BinaryOperator.Mul, value, scale, context)!);
        var rounded = method == "ceil" ? Math.Ceiling(scaled) : Math.Floor(scaled);
        return PyArithmetic.Binary(Syntax.BinaryOperator.Div, PyOps.Integer(new BigInteger(rounded)), scale, context);
    }

    private static object RoundInteger(BigInteger value, BigInteger precision)
    {
        if (precision >= 0)
        {
            return PyOps.Integer(value);
        }

        var unit = BigInteger.Pow(10, (int)BigInteger.Min(-precision, 4000));
        var quotient = BigInteger.DivRem(BigInteger.Abs(value), unit, out var remainder);
        var twice = remainder * 2;
        if (twice > unit || (twice == unit && !quotient.IsEven))
        {
            quotient += 1;
        }

        return PyOps.Integer(quotient * unit * value.Sign);
    }

    private static PyStr FileSizeFormat(RenderContext context, object? value, CallArguments arguments)
    {
        var binary = PyOps.IsTruthy(arguments.Bind("do_filesizeformat", ["binary"], false)[0]);
        var bytes = value switch
        {
            PyStr text when NumberParsing.TryParseFloat(text.Value, out var parsed) => parsed,
            bool or long or BigInteger or double => PyOps.ToDouble(value),
            _ => throw new TemplateRenderException("ValueError", $"could not convert string to float: {PyRepr.Repr(value).Value}"),
        };
        var unit = binary ? 1024.0 : 1000.0;
        string[] prefixes = binary
            ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
            : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
        if (bytes == 1)
        {
            return new PyStr("1 Byte");
        }

        if (bytes < unit)
        {
            return new PyStr(string.Create(CultureInfo.InvariantCulture, $"{(long)bytes} Bytes"));
        }

        for (var i = 0; i < prefixes.Length; i++)
        {
            var limit = Math.Pow(unit, i + 2);
            if (bytes < limit || i == prefixes.Length - 1)
            {
                return new PyStr(PyFloatFormat.Fixed(unit * bytes / limit, 1) + " " + prefixes[i]);
            }
        }

        return PyStr.Empty;
    }

    private static PyStr Truncate(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("do_truncate", ["length", "killwords", "end", "leeway"], 255L, false, new PyStr("..."), 5L);
        var text = PyRepr.Str(value, context.MaxLength);
        var length = (long)PyAccess.AsInteger(bound[0], "length");
        var end = PyRepr.Str(bound[2]);
        var leeway = (long)PyAccess.AsInteger(bound[3] ?? 5L, "leeway");
        if (length < end.CodePointCount)
        {
            throw new TemplateRenderException("AssertionError", $"expected length >= {end.CodePointCount}, got {length}");
        }

        if (leeway < 0)
        {
            throw new TemplateRenderException("AssertionError", $"expected leeway >= 0, got {leeway}");
        }

        if (text.CodePointCount <= length + leeway)
        {
            return text;
        }

        var kept = text.Slice(0, text.OffsetOfCodePoint((int)(length - end.CodePointCount)));
        if (!PyOps.IsTruthy(bound[1]))
        {
            var space = kept.Value.LastIndexOf(' ');
            if (space >= 0)
            {
                kept = kept.Slice(0, space);
            }
        }

        return PyArithmetic.Concatenate(kept, end, context);
    }

    private static object WordCount(RenderContext context, object? value, CallArguments arguments)
    {
        arguments.Bind("do_wordcount", []);
        var count = 0L;
        var inWord = false;
        foreach (var (codePoint, _, _) in PyUnicode.Enumerate(SoftStr(value, context).Value))
        {
            var word = PyUnicode.IsWordChar(codePoint);
            if (word && !inWord)
            {
                count++;
            }

            inWord = word;
        }

        return count;
    }

    private static PyStr StripTags(RenderContext context, object? value, CallArguments arguments)
    {
        arguments.Bind("do_striptags", []);
        var source = PyRepr.Str(value, context.MaxLength);
        var text = source.Value;
        var withoutComments = Regex.Replace(text, "<!--.*?-->", string.Empty, RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        var withoutTags = Regex.Replace(withoutComments, "<.*?>", string.Empty, RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        var words = StrMethods.SplitWhitespace(new PyStr(System.Net.WebUtility.HtmlDecode(withoutTags)), long.MaxValue, fromRight: false);
        return MarkedLike(source, string.Join(' ', words.Cast<PyStr>().Select(w => w.Value)));
    }

    private static PyStr UrlEncode(RenderContext context, object? value, CallArguments arguments)
    {
        arguments.Bind("do_urlencode", []);
        static string Quote(object? item, bool forQuery) => forQuery
            ? Uri.EscapeDataString(PyRepr.Str(item).Value).Replace("%20", "+", StringComparison.Ordinal)
            : Uri.EscapeDataString(PyRepr.Str(item).Value).Replace("%2F", "/", StringComparison.Ordinal);

        if (value is PyStr text)
        {
            return MarkedLike(text, Quote(text, forQuery: false));
        }

        IEnumerable<object?> pairs = value is PyDict dict ? dict.Items.Select(p => (object?)PyList.Tuple(p.Key, p.Value)) : PyAccess.Iterate(value);
        var parts = new StringBuilder();
        var fromContent = false;
        foreach (var pair in pairs)
        {
            var items = PyAccess.Iterate(pair).ToList();
            fromContent |= items.Any(item => item is PyStr { HasContent: true });
            if (parts.Length > 0)
            {
                parts.Append('&');
            }

            parts.Append(Quote(items[0], forQuery: true)).Append('=').Append(Quote(items[1], forQuery: true));
        }

        return fromContent ? PyStr.FromContent(parts.ToString()) : new PyStr(parts.ToString());
    }

    /// <summary>Text rebuilt from <paramref name="source"/> in a way marks cannot follow is all content if any of the source was.</summary>
    private static PyStr MarkedLike(PyStr source, string text) => source.HasContent ? PyStr.FromContent(text) : new PyStr(text);

    private static PyStr XmlAttributes(RenderContext context, object? value, CallArguments arguments)
    {
        var autospace = PyOps.IsTruthy(arguments.Bind("do_xmlattr", ["autospace"], true)[0]);
        if (value is not PyDict dict)
        {
            throw new TemplateRenderException("AttributeError", $"'{PyOps.TypeName(value)}' object has no attribute 'items'");
        }

        var builder = context.NewBuilder();
        foreach (var (key, item) in dict.Items)
        {
            if (item is null or Undefined)
            {
                continue;
            }

            var name = PyRepr.Str(key).Value;
            if (name.Any(c => c is ' ' or '/' or '>' or '=' || PyUnicode.IsSpace(c)))
            {
                throw new TemplateRenderException("ValueError", $"Invalid character in attribute name: {PyRepr.QuoteString(name)}");
            }

            if (builder.Length > 0 || autospace)
            {
                builder.Append(' ');
            }


            builder.Append(Html.Escape(key, context)).Append("=\"").Append(Html.Escape(item, context)).Append('"');
        }

        return builder.ToPyStr();
    }
}
