using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>
/// Python's <c>json.dumps(value, ensure_ascii, indent, separators, sort_keys)</c>, which transformers installs as the
/// <c>tojson</c> filter: <c>", "</c>/<c>": "</c> separators (<c>","</c> when indenting), no HTML escaping, key order kept.
/// </summary>
internal sealed class JsonDumper
{
    private readonly RenderContext _context;
    private readonly PyStrBuilder _output;
    private readonly bool _ensureAscii;
    private readonly string? _indent;
    private readonly string _itemSeparator;
    private readonly string _keySeparator;
    private readonly bool _sortKeys;

    private JsonDumper(RenderContext context, bool ensureAscii, string? indent, string itemSeparator, string keySeparator, bool sortKeys)
    {
        _context = context;
        _output = context.NewBuilder();
        _ensureAscii = ensureAscii;
        _indent = indent;
        _itemSeparator = itemSeparator;
        _keySeparator = keySeparator;
        _sortKeys = sortKeys;
    }

    /// <summary>The <c>tojson</c> filter with transformers' signature <c>tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)</c>.</summary>
    public static PyStr ToJson(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("tojson", ["ensure_ascii", "indent", "separators", "sort_keys"], false, null, null, false);
        var indent = bound[1] switch
        {
            null => null,
            PyStr text => text.Value,
            bool or long or BigInteger => new string(' ', (int)BigInteger.Clamp(PyOps.ToBigInteger(bound[1]!), 0, 1024)),
            _ => throw new TemplateRenderException("TypeError", $"can't multiply sequence by non-int of type '{PyOps.TypeName(bound[1])}'"),
        };
        var (itemSeparator, keySeparator) = (indent is null ? ", " : ",", ": ");
        if (bound[2] is not null)
        {
            var parts = PyAccess.Iterate(bound[2]).ToList();
            if (parts.Count != 2)
            {
                throw new TemplateRenderException("ValueError", $"too many values to unpack (expected 2)");
            }

            itemSeparator = (parts[0] as PyStr)?.Value ?? throw new TemplateRenderException("TypeError", "separators must be strings");
            keySeparator = (parts[1] as PyStr)?.Value ?? throw new TemplateRenderException("TypeError", "separators must be strings");
        }

        var dumper = new JsonDumper(context, PyOps.IsTruthy(bound[0]), indent, itemSeparator, keySeparator, PyOps.IsTruthy(bound[3]));
        dumper.Write(value, level: 0);
        return dumper._output.ToPyStr();
    }

    private void Write(object? value, int level)
    {
        if (level > ValueNesting.MaxDepth)
        {
            throw ValueNesting.TooDeep();
        }

        switch (value)
        {
            case null:
                _output.Append("null");
                break;
            case bool b:
                _output.Append(b ? "true" : "false");
                break;
            case long or BigInteger:
                _output.Append(PyRepr.Str(value).Value);
                break;
            case double d:
                _output.Append(FloatText(d));
                break;
            case PyStr text:
                WriteString(text);
                break;
            case PyList list:
                WriteList(list, level);
                break;
            case PyDict dict:
                WriteDict(dict, level);
                break;
            default:
                throw new TemplateRenderException("TypeError", $"Object of type {PyOps.TypeName(value)} is not JSON serializable");
        }
    }

    private static string FloatText(double value) => double.IsNaN(value)
        ? "NaN"
        : double.IsInfinity(value) ? (value > 0 ? "Infinity" : "-Infinity") : PyFloatFormat.Repr(value);

    private void WriteList(PyList list, int level)
    {
        if (list.Count == 0)
        {
            _output.Append("[]");
            return;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        _output.Append('[');
        var newline = NewlineIndent(level + 1);
        _output.Append(newline);
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                _output.Append(_itemSeparator).Append(newline);
            }

            Write(list[i], level + 1);
        }

        _output.Append(NewlineIndent(level));
        _output.Append(']');
    }

    private void WriteDict(PyDict dict, int level)
    {
        if (dict.Count == 0)
        {
            _output.Append("{}");
            return;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        IEnumerable<KeyValuePair<object?, object?>> items = dict.Items;
        if (_sortKeys)
        {
            items = StableSort.Sort(items.ToList(), (a, b) => PyOps.Ordering.Compare(a.Key, b.Key));
        }

        _output.Append('{');
        var newline = NewlineIndent(level + 1);
        _output.Append(newline);
        var first = true;
        foreach (var (key, item) in items)
        {
            if (!first)
            {
                _output.Append(_itemSeparator).Append(newline);
            }

            first = false;
            switch (key)
            {
                case PyStr text:
                    WriteString(text);
                    break;
                case double d:
                    WriteString(new PyStr(FloatText(d)));
                    break;
                case null or bool or long or BigInteger:
                    WriteString(new PyStr(key is null ? "null" : key is bool b ? (b ? "true" : "false") : PyRepr.Str(key).Value));
                    break;
                default:
                    throw new TemplateRenderException("TypeError", $"keys must be str, int, float, bool or None, not {PyOps.TypeName(key)}");
            }

            _output.Append(_keySeparator);
            Write(item, level + 1);
        }

        _output.Append(NewlineIndent(level));
        _output.Append('}');
    }

    private string NewlineIndent(int level)
    {
        if (_indent is null)
        {
            return string.Empty;
        }

        var total = (long)_indent.Length * level;
        if (total > _context.MaxLength)
        {
            throw new TemplateLimitExceededException(TemplateLimit.OutputLength, _context.MaxLength, $"built a string longer than {_context.MaxLength} characters");
        }

        return "\n" + string.Concat(Enumerable.Repeat(_indent, level));
    }

    private void WriteString(PyStr text)
    {
        _output.Append('"');
        var value = text.Value;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                > '~' when _ensureAscii => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => null,
            };
            if (escape is null)
            {
                continue;
            }

            _output.Append(text, start, i - start);
            _output.Append(escape, text.IsContentAt(i));
            start = i + 1;
        }

        _output.Append(text, start, value.Length - start);
        _output.Append('"');
    }
}
