using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>
/// Python's <c>str</c> methods with Python's exact behaviour (Unicode whitespace, code-point indexes, full case mapping).
/// Results keep content marks; on Markup they stay Markup and escape their string arguments.
/// </summary>
internal static partial class StrMethods
{
    private delegate object? StrMethod(RenderContext context, PyStr self, CallArguments arguments);

    private static readonly Dictionary<string, StrMethod> Methods = new(StringComparer.Ordinal)
    {
        ["strip"] = (c, s, a) => Strip(s, a.Bind("strip", ["chars"], [null])[0], left: true, right: true, "strip"),
        ["lstrip"] = (c, s, a) => Strip(s, a.Bind("lstrip", ["chars"], [null])[0], left: true, right: false, "lstrip"),
        ["rstrip"] = (c, s, a) => Strip(s, a.Bind("rstrip", ["chars"], [null])[0], left: false, right: true, "rstrip"),
        ["split"] = (c, s, a) => Split(s, a, fromRight: false),
        ["rsplit"] = (c, s, a) => Split(s, a, fromRight: true),
        ["splitlines"] = (c, s, a) => SplitLines(s, PyOps.IsTruthy(a.Bind("splitlines", ["keepends"], [false])[0])),
        ["startswith"] = (c, s, a) => StartsOrEndsWith(s, a, "startswith"),
        ["endswith"] = (c, s, a) => StartsOrEndsWith(s, a, "endswith"),
        ["upper"] = (c, s, a) => MapCase(c, s, a, "upper", PyUnicode.Upper),
        ["lower"] = (c, s, a) => MapCase(c, s, a, "lower", PyUnicode.Lower),
        ["casefold"] = (c, s, a) => MapCase(c, s, a, "casefold", cp => cp == 0xDF ? "ss" : PyUnicode.Lower(cp)),
        ["swapcase"] = (c, s, a) => MapCase(c, s, a, "swapcase", cp => PyUnicode.IsUpper(cp) ? PyUnicode.Lower(cp) : PyUnicode.IsLower(cp) ? PyUnicode.Upper(cp) : PyUnicode.ToText(cp)),
        ["title"] = (c, s, a) => Title(c, s, a),
        ["capitalize"] = (c, s, a) => Capitalize(c, s, a),
        ["replace"] = (c, s, a) => Replace(c, s, a),
        ["find"] = (c, s, a) => Find(s, a, "find", fromRight: false, raise: false),
        ["rfind"] = (c, s, a) => Find(s, a, "rfind", fromRight: true, raise: false),
        ["index"] = (c, s, a) => Find(s, a, "index", fromRight: false, raise: true),
        ["rindex"] = (c, s, a) => Find(s, a, "rindex", fromRight: true, raise: true),
        ["count"] = (c, s, a) => Count(s, a),
        ["join"] = (c, s, a) => Join(c, s, a.Bind("join", ["iterable"])[0]),
        ["center"] = (c, s, a) => Pad(c, s, a, "center"),
        ["ljust"] = (c, s, a) => Pad(c, s, a, "ljust"),
        ["rjust"] = (c, s, a) => Pad(c, s, a, "rjust"),
        ["zfill"] = (c, s, a) => ZeroFill(c, s, a),
        ["partition"] = (c, s, a) => Partition(s, a, "partition", fromRight: false),
        ["rpartition"] = (c, s, a) => Partition(s, a, "rpartition", fromRight: true),
        ["removeprefix"] = (c, s, a) => RemoveAffix(s, a, "removeprefix"),
        ["removesuffix"] = (c, s, a) => RemoveAffix(s, a, "removesuffix"),
        ["expandtabs"] = (c, s, a) => ExpandTabs(c, s, a),
        ["format"] = (c, s, a) => StrFormatter.Format(c, s, a.Positional, a.Keywords.Select(k => new KeyValuePair<object?, object?>(new PyStr(k.Key), k.Value))),
        ["format_map"] = (c, s, a) => FormatMap(c, s, a),
        ["isalnum"] = (c, s, a) => All(s, a, "isalnum", cp => PyUnicode.IsAlpha(cp) || PyUnicode.IsNumeric(cp)),
        ["isalpha"] = (c, s, a) => All(s, a, "isalpha", PyUnicode.IsAlpha),
        ["isdecimal"] = (c, s, a) => All(s, a, "isdecimal", PyUnicode.IsDecimal),
        ["isdigit"] = (c, s, a) => All(s, a, "isdigit", PyUnicode.IsDigit),
        ["isnumeric"] = (c, s, a) => All(s, a, "isnumeric", PyUnicode.IsNumeric),
        ["isspace"] = (c, s, a) => All(s, a, "isspace", cp => cp < 0x10000 && PyUnicode.IsSpace((char)cp)),
        ["isascii"] = (c, s, a) => s.Length == 0 || All(s, a, "isascii", cp => cp < 0x80),
        ["isprintable"] = (c, s, a) => s.Length == 0 || All(s, a, "isprintable", PyUnicode.IsPrintable),
        ["isidentifier"] = (c, s, a) => IsIdentifier(s, a),
        ["islower"] = (c, s, a) => HasCaseOnly(s, a, "islower", upper: false),
        ["isupper"] = (c, s, a) => HasCaseOnly(s, a, "isupper", upper: true),
        ["istitle"] = (c, s, a) => IsTitle(s, a),
    };

    public static bool TryGet(string name, out Func<RenderContext, object, CallArguments, object?> method)
    {
        if (Methods.TryGetValue(name, out var found))
        {
            method = (context, self, arguments) => found(context, (PyStr)self, arguments);
            return true;
        }

        method = null!;
        return false;
    }

    private static PyStr RequireStr(object? value, string message) =>
        value as PyStr ?? throw new TemplateRenderException("TypeError", string.Format(System.Globalization.CultureInfo.InvariantCulture, message, PyOps.TypeName(value)));

    /// <summary>Python's <c>str.strip([chars])</c> family; <paramref name="chars"/> null strips Unicode whitespace.</summary>
    public static PyStr Strip(PyStr self, object? chars, bool left, bool right, string method)
    {
        Func<int, bool> strip;
        if (chars is null)
        {
            strip = cp => cp < 0x10000 && PyUnicode.IsSpace((char)cp);
        }
        else
        {
            var set = PyUnicode.Enumerate(RequireStr(chars, method + " arg must be None or str").Value).Select(c => c.CodePoint).ToHashSet();
            strip = set.Contains;
        }

        var text = self.Value;
        var start = 0;
        var end = text.Length;
        while (left && start < end)
        {
            var cp = PyUnicode.CodePointAt(text, start, out var width);
            if (!strip(cp))
            {
                break;
            }

            start += width;
        }

        while (right && end > start)
        {
            var width = end - 2 >= start && char.IsLowSurrogate(text[end - 1]) && char.IsHighSurrogate(text[end - 2]) ? 2 : 1;
            if (!strip(PyUnicode.CodePointAt(text, end - width, out _)))
            {
                break;
            }

            end -= width;
        }

        return self.Slice(start, end - start);
    }

    private static PyStr MapCase(RenderContext context, PyStr self, CallArguments arguments, string name, Func<int, string> map)
    {
        arguments.ExpectNone(name);
        var builder = context.NewBuilder();
        foreach (var (codePoint, offset, _) in PyUnicode.Enumerate(self.Value))
        {
            builder.Append(map(codePoint), self.IsContentAt(offset));
        }

        return builder.ToPyStr(self.IsMarkup);
    }

    private static PyStr Title(RenderContext context, PyStr self, CallArguments arguments)
    {
        arguments.ExpectNone("title");
        var builder = context.NewBuilder();
        var previousCased = false;
        foreach (var (codePoint, offset, _) in PyUnicode.Enumerate(self.Value))
        {
            var cased = PyUnicode.IsCased(codePoint);
            var mapped = !cased ? PyUnicode.ToText(codePoint) : previousCased ? PyUnicode.Lower(codePoint) : PyUnicode.Title(codePoint);
            builder.Append(mapped, self.IsContentAt(offset));
            previousCased = cased;
        }

        return builder.ToPyStr(self.IsMarkup);
    }

    public static PyStr Capitalize(RenderContext context, PyStr self, CallArguments arguments)
    {
        arguments.ExpectNone("capitalize");
        var builder = context.NewBuilder();
        var first = true;
        foreach (var (codePoint, offset, _) in PyUnicode.Enumerate(self.Value))
        {
            builder.Append(first ? PyUnicode.Title(codePoint) : PyUnicode.Lower(codePoint), self.IsContentAt(offset));
            first = false;
        }

        return builder.ToPyStr(self.IsMarkup);
    }

    private static PyStr Join(RenderContext context, PyStr self, object? iterable)
    {
        var builder = context.NewBuilder();
        var index = 0;
        foreach (var item in PyAccess.Iterate(iterable))
        {
            if (item is not PyStr text)
            {
                if (self.IsMarkup)
                {
                    if (index > 0)
                    {
                        builder.Append(self);
                    }

                    builder.Append(Html.Escape(item, context));
                    index++;
                    continue;
                }

                throw new TemplateRenderException("TypeError", $"sequence item {index}: expected str instance, {PyOps.TypeName(item)} found");
            }

            if (index > 0)
            {
                builder.Append(self);
            }

            builder.Append(self.IsMarkup ? Html.Escape(text, context) : text);
            index++;
        }

        return builder.ToPyStr(self.IsMarkup);
    }

    private static PyStr Pad(RenderContext context, PyStr self, CallArguments arguments, string name)
    {
        var bound = arguments.Bind(name, ["width", "fillchar"], [new PyStr(" ")]);
        var width = PyAccess.AsInteger(bound[0], "width");
        var fill = RequireStr(bound[1], $"{name}() argument 2 must be str, not {{0}}");
        if (fill.CodePointCount != 1)
        {
            throw new TemplateRenderException("TypeError", "The fill character must be exactly one character long");
        }

        var margin = width - self.CodePointCount;
        if (margin <= 0)
        {
            return self;
        }

        context.CheckLength((long)margin + self.Length);
        var total = (long)margin;
        var left = name switch
        {
            "center" => (total / 2) + (total & (long)width & 1),
            "rjust" => total,
            _ => 0,
        };
        var builder = context.NewBuilder();
        builder.AppendRepeated(fill, left);
        builder.Append(self);
        builder.AppendRepeated(fill, total - left);
        return builder.ToPyStr(self.IsMarkup);
    }

    private static PyStr ZeroFill(RenderContext context, PyStr self, CallArguments arguments)
    {
        var width = PyAccess.AsInteger(arguments.Bind("zfill", ["width"])[0], "width");
        var margin = width - self.CodePointCount;
        if (margin <= 0)
        {
            return self;
        }

        context.CheckLength((long)margin + self.Length);
        var builder = context.NewBuilder();
        var signLength = self.Length > 0 && self.Value[0] is '+' or '-' ? 1 : 0;
        builder.Append(self, 0, signLength);
        builder.AppendRepeated(new PyStr("0"), (long)margin);
        builder.Append(self, signLength, self.Length - signLength);
        return builder.ToPyStr(self.IsMarkup);
    }

    private static PyStr ExpandTabs(RenderContext context, PyStr self, CallArguments arguments)
    {
        var tabSize = (long)PyAccess.AsInteger(arguments.Bind("expandtabs", ["tabsize"], 8L)[0], "tabsize");
        var builder = context.NewBuilder();
        var column = 0L;
        for (var i = 0; i < self.Length; i++)
        {
            var c = self.Value[i];
            if (c == '\t')
            {
                if (tabSize > 0)
                {
                    var spaces = tabSize - (column % tabSize);
                    builder.AppendRepeated(new PyStr(" "), spaces);
                    column += spaces;
                }
            }
            else
            {
                builder.Append(self, i, 1);
                column = c is '\n' or '\r' ? 0 : column + 1;
            }
        }

        return builder.ToPyStr(self.IsMarkup);
    }

    private static PyStr FormatMap(RenderContext context, PyStr self, CallArguments arguments)
    {
        var mapping = arguments.Bind("format_map", ["mapping"])[0];
        if (mapping is not PyDict dict)
        {
            throw new TemplateRenderException("TypeError", $"'{PyOps.TypeName(mapping)}' object is not subscriptable");
        }

        return StrFormatter.Format(context, self, [], dict.Items);
    }

    private static bool All(PyStr self, CallArguments arguments, string name, Func<int, bool> predicate)
    {
        arguments.ExpectNone(name);
        return self.Length > 0 && PyUnicode.Enumerate(self.Value).All(c => predicate(c.CodePoint));
    }

    private static bool IsIdentifier(PyStr self, CallArguments arguments)
    {
        arguments.ExpectNone("isidentifier");
        var first = true;
        foreach (var (codePoint, _, _) in PyUnicode.Enumerate(self.Value))
        {
            var ok = codePoint == '_' || PyUnicode.IsAlpha(codePoint) || (!first && PyUnicode.IsWordChar(codePoint));
            if (!ok)
            {
                return false;
            }

            first = false;
        }

        return !first;
    }

    private static bool HasCaseOnly(PyStr self, CallArguments arguments, string name, bool upper)
    {
        arguments.ExpectNone(name);
        var cased = false;
        foreach (var (codePoint, _, _) in PyUnicode.Enumerate(self.Value))
        {
            if (upper ? PyUnicode.IsLower(codePoint) : PyUnicode.IsUpper(codePoint))
            {
                return false;
            }

            cased |= upper ? PyUnicode.IsUpper(codePoint) : PyUnicode.IsLower(codePoint);
        }

        return cased;
    }

    private static bool IsTitle(PyStr self, CallArguments arguments)
    {
        arguments.ExpectNone("istitle");
        var cased = false;
        var previousCased = false;
        foreach (var (codePoint, _, _) in PyUnicode.Enumerate(self.Value))
        {
            if (PyUnicode.IsUpper(codePoint))
            {
                if (previousCased)
                {
                    return false;
                }

                previousCased = true;
                cased = true;
            }
            else if (PyUnicode.IsLower(codePoint))
            {
                if (!previousCased)
                {
                    return false;
                }

                previousCased = true;
                cased = true;
            }
            else
            {
                previousCased = false;
            }
        }

        return cased;
    }
}
