using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using OmniBot.Engine.Templates.Builtins;
using OmniBot.Engine.Templates.Runtime;

namespace OmniBot.Engine.Templates.Values;

/// <summary>Python's <c>str()</c> and <c>repr()</c>: <c>True</c>, <c>None</c>, <c>['a', 1]</c>, <c>{'k': 'v'}</c>, <c>1e+16</c>, with content marks kept.</summary>
internal static class PyRepr
{
    private const int NoLimit = int.MaxValue;

    /// <summary>Python's <c>str(value)</c>; markup loses its flag (as <c>str(Markup(...))</c> does).</summary>
    public static PyStr Str(object? value, int maxLength = NoLimit)
    {
        switch (value)
        {
            case PyStr s:
                return s.WithMarkup(false);
            case Undefined:
                return PyStr.Empty;
            case PyList or PyDict or PyDictView or PyNamespace:
                var builder = new PyStrBuilder(maxLength);
                AppendRepr(builder, value);
                return builder.ToPyStr();
            default:
                return new PyStr(ScalarText(value));
        }
    }

    /// <summary>Python's <c>repr(value)</c>.</summary>
    public static PyStr Repr(object? value, int maxLength = NoLimit)
    {
        var builder = new PyStrBuilder(maxLength);
        AppendRepr(builder, value);
        return builder.ToPyStr();
    }

    public static void AppendStr(PyStrBuilder builder, object? value)
    {
        switch (value)
        {
            case PyStr s:
                builder.Append(s);
                break;
            case Undefined:
                break;
            case PyList or PyDict or PyDictView or PyNamespace:
                AppendRepr(builder, value);
                break;
            default:
                builder.Append(ScalarText(value));
                break;
        }
    }

    public static void AppendRepr(PyStrBuilder builder, object? value) => AppendRepr(builder, value, 0);

    private static void AppendRepr(PyStrBuilder builder, object? value, int depth)
    {
        // A fixed bound (Python has its recursion limit) keeps the outcome the same on every thread, whatever its stack size.
        if (depth > ValueNesting.MaxDepth)
        {
            throw ValueNesting.TooDeep();
        }

        switch (value)
        {
            case PyStr { IsMarkup: true } markup:
                builder.Append("Markup(");
                AppendQuoted(builder, markup);
                builder.Append(')');
                break;
            case PyStr s:
                AppendQuoted(builder, s);
                break;
            case Undefined:
                builder.Append("Undefined");
                break;
            case PyList list:
                RuntimeHelpers.EnsureSufficientExecutionStack();
                builder.Append(list.IsTuple ? '(' : '[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    AppendRepr(builder, list[i], depth + 1);
                }

                if (list.IsTuple && list.Count == 1)
                {
                    builder.Append(',');
                }

                builder.Append(list.IsTuple ? ')' : ']');
                break;
            case PyDict dict:
                RuntimeHelpers.EnsureSufficientExecutionStack();
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in dict.Items)
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    AppendRepr(builder, key, depth + 1);
                    builder.Append(": ");
                    AppendRepr(builder, item, depth + 1);
                }

                builder.Append('}');
                break;
            case PyDictView view:
                builder.Append(view.TypeName).Append('(');
                AppendRepr(builder, new PyList([.. view.Iterate()]), depth + 1);
                builder.Append(')');
                break;
            case PyNamespace ns:
                builder.Append("<Namespace ");
                AppendRepr(builder, ns.Attributes, depth + 1);
                builder.Append('>');
                break;
            default:
                builder.Append(ScalarText(value));
                break;
        }
    }

    private static string ScalarText(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        BigInteger big => big.ToString(CultureInfo.InvariantCulture),
        double d => PyFloatFormat.Repr(d),
        PyCallable callable => callable.Describe(),
        PyIterator iterator => iterator.Description,
        LoopContext loop => loop.Describe(),
        PyRange range => range.ToString(),
        PySlice slice => $"slice({Repr(slice.Start).Value}, {Repr(slice.Stop).Value}, {Repr(slice.Step).Value})",
        Cycler or Joiner => $"<{PyOps.ObjectTypeRepr(value)}>",
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Python's quoting of a str: single quotes unless the text has a single quote and no double quote.</summary>
    public static void AppendQuoted(PyStrBuilder builder, PyStr text)
    {
        var value = text.Value;
        var quote = value.Contains('\'', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        builder.Append(quote);
        foreach (var (codePoint, offset, width) in PyUnicode.Enumerate(value))
        {
            var isContent = text.HasContent && text.IsContentAt(offset);
            var escaped = EscapeForRepr(codePoint, quote);
            if (escaped is null)
            {
                builder.Append(text, offset, width);
            }
            else
            {
                builder.Append(escaped, isContent);
            }
        }

        builder.Append(quote);
    }

    public static string QuoteString(string value)
    {
        var builder = new PyStrBuilder(NoLimit);
        AppendQuoted(builder, new PyStr(value));
        return builder.ToString();
    }

    public static string QuoteChar(char c) => QuoteString(c.ToString());

    /// <summary>The escape Python's repr uses for one code point, or null when it is printed as is.</summary>
    private static string? EscapeForRepr(int codePoint, char quote)
    {
        if (codePoint == quote || codePoint == '\\')
        {
            return "\\" + (char)codePoint;
        }

        return codePoint switch
        {
            '\t' => "\\t",
            '\n' => "\\n",
            '\r' => "\\r",
            < 0x20 or 0x7F => string.Create(CultureInfo.InvariantCulture, $"\\x{codePoint:x2}"),
            < 0x7F => null,
            _ when PyUnicode.IsPrintable(codePoint) => null,
            <= 0xFF => string.Create(CultureInfo.InvariantCulture, $"\\x{codePoint:x2}"),
            <= 0xFFFF => string.Create(CultureInfo.InvariantCulture, $"\\u{codePoint:x4}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"\\U{codePoint:x8}"),
        };
    }
}
