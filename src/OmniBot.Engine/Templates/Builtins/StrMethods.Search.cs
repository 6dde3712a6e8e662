using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

internal static partial class StrMethods
{
    private static PyList Split(PyStr self, CallArguments arguments, bool fromRight)
    {
        var name = fromRight ? "rsplit" : "split";
        var bound = arguments.Bind(name, ["sep", "maxsplit"], null, -1L);
        var maxSplit = (long)PyAccess.AsInteger(bound[1], "maxsplit");
        if (maxSplit < 0)
        {
            maxSplit = long.MaxValue;
        }

        var parts = bound[0] is null
            ? SplitWhitespace(self, maxSplit, fromRight)
            : SplitOn(self, RequireStr(bound[0], "must be str or None, not {0}"), maxSplit, fromRight);
        return new PyList([.. parts]);
    }

    /// <summary>Python's <c>split()</c>/<c>rsplit()</c> without a separator: runs of whitespace separate, edges are dropped.</summary>
    public static List<object?> SplitWhitespace(PyStr self, long maxSplit, bool fromRight)
    {
        var text = self.Value;
        var parts = new List<object?>();
        if (!fromRight)
        {
            var i = 0;
            while (maxSplit-- > 0)
            {
                while (i < text.Length && PyUnicode.IsSpace(text[i]))
                {
                    i++;
                }

                if (i == text.Length)
                {
                    break;
                }

                var j = i;
                while (i < text.Length && !PyUnicode.IsSpace(text[i]))
                {
                    i++;
                }

                parts.Add(self.Slice(j, i - j));
            }

            while (i < text.Length && PyUnicode.IsSpace(text[i]))
            {
                i++;
            }

            if (i < text.Length)
            {
                parts.Add(self.Slice(i));
            }

            return parts;
        }

        var k = text.Length - 1;
        while (maxSplit-- > 0)
        {
            while (k >= 0 && PyUnicode.IsSpace(text[k]))
            {
                k--;
            }

            if (k < 0)
            {
                break;
            }

            var end = k;
            while (k >= 0 && !PyUnicode.IsSpace(text[k]))
            {
                k--;
            }

            parts.Add(self.Slice(k + 1, end - k));
        }

        while (k >= 0 && PyUnicode.IsSpace(text[k]))
        {
            k--;
        }

        if (k >= 0)
        {
            parts.Add(self.Slice(0, k + 1));
        }

        parts.Reverse();
        return parts;
    }

    private static List<object?> SplitOn(PyStr self, PyStr separator, long maxSplit, bool fromRight)
    {
        if (separator.Length == 0)
        {
            throw new TemplateRenderException("ValueError", "empty separator");
        }

        var text = self.Value;
        var sep = separator.Value;
        var parts = new List<object?>();
        if (!fromRight)
        {
            var start = 0;
            while (maxSplit-- > 0)
            {
                var found = text.IndexOf(sep, start, StringComparison.Ordinal);
                if (found < 0)
                {
                    break;
                }

                parts.Add(self.Slice(start, found - start));
                start = found + sep.Length;
            }

            parts.Add(self.Slice(start));
            return parts;
        }

        var end = text.Length;
        while (maxSplit-- > 0 && end >= sep.Length)
        {
            var found = text.LastIndexOf(sep, end - 1, end, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            parts.Add(self.Slice(found + sep.Length, end - found - sep.Length));
            end = found;
        }

        parts.Add(self.Slice(0, end));
        parts.Reverse();
        return parts;
    }

    private static PyList SplitLines(PyStr self, bool keepEnds)
    {
        var text = self.Value;
        var parts = new List<object?>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!PyUnicode.IsLineBreak(text[i]))
            {
                i++;
                continue;
            }

            var breakLength = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            parts.Add(self.Slice(start, i - start + (keepEnds ? breakLength : 0)));
            i += breakLength;
            start = i;
        }

        if (start < text.Length)
        {
            parts.Add(self.Slice(start));
        }

        return new PyList([.. parts]);
    }

    /// <summary>The UTF-16 range for Python's optional code-point <c>start</c>/<c>end</c> arguments (slice semantics).</summary>
    private static (int Start, int End) Range(PyStr self, object? start, object? end)
    {
        var (from, to, _) = PyAccess.SliceIndices(new PySlice(start, end, null), self.CodePointCount);
        return (self.OffsetOfCodePoint(from), self.OffsetOfCodePoint(Math.Max(from, to)));
    }

    private static int CodePointIndex(PyStr self, int offset) =>
        self.CodePointCount == self.Length ? offset : PyUnicode.CodePointCount(self.Value[..offset]);

    private static bool StartsOrEndsWith(PyStr self, CallArguments arguments, string name)
    {
        var bound = arguments.Bind(name, ["prefix", "start", "end"], null, null);
        var (start, end) = Range(self, bound[1], bound[2]);
        var candidates = bound[0] switch
        {
            PyStr one => [one],
            PyList { IsTuple: true } tuple => tuple.Select(item => RequireStr(item, $"tuple for {name} must only contain str, not {{0}}")).ToList(),
            _ => throw new TemplateRenderException("TypeError", $"{name} first arg must be str or a tuple of str, not {PyOps.TypeName(bound[0])}"),
        };
        if (bound[1] is not null && PyAccess.AsInteger(bound[1], "start") > self.CodePointCount)
        {
            return false;
        }

        var window = self.Value[start..end];
        return candidates.Any(candidate => name == "startswith"
            ? window.StartsWith(candidate.Value, StringComparison.Ordinal)
            : window.EndsWith(candidate.Value, StringComparison.Ordinal));
    }

    private static PyStr Replace(RenderContext context, PyStr self, CallArguments arguments)
    {
        var bound = arguments.Bind("replace", ["old", "new", "count"], -1L);
        var old = RequireStr(bound[0], "replace() argument 1 must be str, not {0}");
        var replacement = RequireStr(bound[1], "replace() argument 2 must be str, not {0}");
        var count = (long)PyAccess.AsInteger(bound[2], "count");
        return Replace(context, self, old, replacement, count);
    }

    /// <summary>Python's <c>str.replace(old, new, count)</c>, including the empty-<paramref name="old"/> case.</summary>
    public static PyStr Replace(RenderContext context, PyStr self, PyStr old, PyStr replacement, long count)
    {
        if (self.IsMarkup)
        {
            old = Html.Escape(old, context);
            replacement = Html.Escape(replacement, context);
        }

        if (count < 0)
        {
            count = long.MaxValue;
        }

        var builder = context.NewBuilder();
        if (old.Length == 0)
        {
            var offsets = PyUnicode.CodePointOffsets(self.Value);
            for (var i = 0; i < offsets.Length; i++)
            {
                if (count-- > 0)
                {
                    builder.Append(replacement);
                }
                else
                {
                    builder.Append(self, offsets[i], self.Length - offsets[i]);
                    return builder.ToPyStr(self.IsMarkup);
                }

                if (i < offsets.Length - 1)
                {
                    builder.Append(self, offsets[i], offsets[i + 1] - offsets[i]);
                }
            }

            return builder.ToPyStr(self.IsMarkup);
        }

        var start = 0;
        while (count-- > 0)
        {
            var found = self.Value.IndexOf(old.Value, start, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            builder.Append(self, start, found - start);
            builder.Append(replacement);
            start = found + old.Length;
        }

        builder.Append(self, start, self.Length - start);
        return builder.ToPyStr(self.IsMarkup);
    }

    private static object Find(PyStr self, CallArguments arguments, string name, bool fromRight, bool raise)
    {
        var bound = arguments.Bind(name, ["sub", "start", "end"], null, null);
        var sub = RequireStr(bound[0], "must be str, not {0}");
        var (start, end) = Range(self, bound[1], bound[2]);
        var found = -1;
        if (bound[1] is null || PyAccess.AsInteger(bound[1], "start") <= self.CodePointCount)
        {
            found = fromRight
                ? self.Value.AsSpan(start, end - start).LastIndexOf(sub.Value, StringComparison.Ordinal)
                : self.Value.AsSpan(start, end - start).IndexOf(sub.Value, StringComparison.Ordinal);
        }

        if (found < 0)
        {
            return raise ? throw new TemplateRenderException("ValueError", "substring not found") : -1L;
        }

        return (long)CodePointIndex(self, start + found);
    }

    private static long Count(PyStr self, CallArguments arguments)
    {
        var bound = arguments.Bind("count", ["sub", "start", "end"], null, null);
        var sub = RequireStr(bound[0], "must be str, not {0}");
        var (start, end) = Range(self, bound[1], bound[2]);
        if (sub.Length == 0)
        {
            return PyUnicode.CodePointCount(self.Value[start..end]) + 1;
        }

        var count = 0L;
        for (var i = self.Value.IndexOf(sub.Value, start, end - start, StringComparison.Ordinal);
             i >= 0 && i + sub.Length <= end;
             i = self.Value.IndexOf(sub.Value, i + sub.Length, end - i - sub.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static PyList Partition(PyStr self, CallArguments arguments, string name, bool fromRight)
    {
        var separator = RequireStr(arguments.Bind(name, ["sep"])[0], "must be str, not {0}");
        if (separator.Length == 0)
        {
            throw new TemplateRenderException("ValueError", "empty separator");
        }

        var found = fromRight
            ? self.Value.LastIndexOf(separator.Value, StringComparison.Ordinal)
            : self.Value.IndexOf(separator.Value, StringComparison.Ordinal);
        var empty = PyStr.Empty.WithMarkup(self.IsMarkup);
        if (found < 0)
        {
            return fromRight ? PyList.Tuple(empty, empty, self) : PyList.Tuple(self, empty, empty);
        }

        return PyList.Tuple(
            self.Slice(0, found),
            self.Slice(found, separator.Length),
            self.Slice(found + separator.Length));
    }

    private static PyStr RemoveAffix(PyStr self, CallArguments arguments, string name)
    {
        var affix = RequireStr(arguments.Bind(name, ["affix"])[0], $"{name}() argument must be str, not {{0}}");
        if (name == "removeprefix")
        {
            return self.Value.StartsWith(affix.Value, StringComparison.Ordinal) ? self.Slice(affix.Length) : self;
        }

        return self.Value.EndsWith(affix.Value, StringComparison.Ordinal) && affix.Length > 0
            ? self.Slice(0, self.Length - affix.Length)
            : self;
    }
}
