using System.Numerics;
using System.Runtime.CompilerServices;
using OmniBot.Engine.Templates.Builtins;
using OmniBot.Engine.Templates.Runtime;

namespace OmniBot.Engine.Templates.Values;

/// <summary>
/// Attribute and item access, iteration, <c>len</c> and <c>in</c>, as Jinja's immutable sandbox performs them:
/// <c>x.name</c> tries the attribute (a method such as <c>dict.items</c> wins over a key) and then the item;
/// <c>x[key]</c> tries the item and then the attribute; a miss gives an <see cref="Undefined"/>; methods that
/// would change a list or dict give an unsafe undefined that raises <c>SecurityError</c> when called.
/// </summary>
internal static class PyAccess
{
    public static object? GetAttr(object? owner, string name)
    {
        if (IsDunder(name))
        {
            return Undefined.Unsafe(owner, name);
        }

        if (owner is Undefined undefined)
        {
            throw undefined.Error();
        }

        var attribute = FindAttribute(owner, name);
        if (attribute is not null)
        {
            return attribute.Value;
        }

        return LookupItem(owner, new PyStr(name), out var item) ? item : Undefined.ForMember(owner, name);
    }

    /// <summary>Python's special attributes (<c>__class__</c>, ...) exist on every object, and the sandbox refuses them all.</summary>
    private static bool IsDunder(string name) =>
        name.Length > 4 && name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal);

    /// <summary>The <c>attr</c> filter: the attribute only, never the item.</summary>
    public static object? GetAttrOnly(object? owner, string name)
    {
        if (owner is Undefined undefined)
        {
            throw undefined.Error();
        }

        if (IsDunder(name))
        {
            return Undefined.Unsafe(owner, name);
        }

        return FindAttribute(owner, name) is { } attribute ? attribute.Value : Undefined.ForMember(owner, name);
    }

    public static object? GetItem(object? owner, object? key)
    {
        if (owner is Undefined undefined)
        {
            throw undefined.Error();
        }

        if (LookupItem(owner, key, out var item))
        {
            return item;
        }

        if (key is PyStr name && FindAttribute(owner, name.Value) is { } attribute)
        {
            return attribute.Value;
        }

        return Undefined.ForMember(owner, key);
    }

    /// <summary>A real attribute of <paramref name="owner"/> (a method or a property), or null when it has none by that name.</summary>
    private static StrongBox<object?>? FindAttribute(object? owner, string name)
    {
        switch (owner)
        {
            case PyNamespace ns:
                return ns.Attributes.TryGetValue(new PyStr(name), out var value) ? new(value) : null;
            case LoopContext loop:
                return loop.TryGetAttribute(name, out var loopValue) ? new(loopValue) : null;
            case MacroValue macro:
                return macro.TryGetAttribute(name, out var macroValue) ? new(macroValue) : null;
            case Cycler cycler:
                return cycler.TryGetAttribute(name, out var cyclerValue) ? new(cyclerValue) : null;
            case PyList { FieldNames: { } fields } named when Array.IndexOf(fields, name) >= 0:
                return new(named[Array.IndexOf(fields, name)]);
            case PyRange range:
                return name switch
                {
                    "start" => new(range.Start),
                    "stop" => new(range.Stop),
                    "step" => new(range.Step),
                    _ => null,
                };
        }

        return PyMethods.Find(owner, name) is { } method ? new(method) : null;
    }

    /// <summary><c>owner[key]</c>; false where Python raises TypeError or LookupError (the sandbox then tries the attribute).</summary>
    private static bool LookupItem(object? owner, object? key, out object? item)
    {
        item = null;
        switch (owner)
        {
            case PyDict dict:
                return PyOps.IsHashable(key) && dict.TryGetValue(key, out item);
            case PyList list when key is PySlice listSlice:
                item = new PyList(SliceItems(list, listSlice), list.IsTuple);
                return true;
            case PyList list when PyOps.IsInteger(key):
                var index = NormalizeIndex(key!, list.Count);
                if (index < 0)
                {
                    return false;
                }

                item = list[index];
                return true;
            case PyRange range when key is PySlice rangeSlice:
                var (from, to, step) = SliceIndices(rangeSlice, range.Count);
                item = new PyRange(range.Start + (from * range.Step), range.Start + (to * range.Step), range.Step * step);
                return true;
            case PyRange range when PyOps.IsInteger(key):
                var rangeIndex = NormalizeIndex(key!, range.Count);
                item = rangeIndex < 0 ? null : range[rangeIndex];
                return rangeIndex >= 0;
            case PyStr text when key is PySlice textSlice:
                item = SliceString(text, textSlice);
                return true;
            case PyStr text when PyOps.IsInteger(key):
                var position = NormalizeIndex(key!, text.CodePointCount);
                if (position < 0)
                {
                    return false;
                }

                var start = text.OffsetOfCodePoint(position);
                item = text.Slice(start, text.OffsetOfCodePoint(position + 1) - start).WithMarkup(text.IsMarkup);
                return true;
            default:
                return false;
        }
    }

    private static int NormalizeIndex(object key, int count)
    {
        var index = PyOps.ToBigInteger(key);
        if (index < 0)
        {
            index += count;
        }

        return index < 0 || index >= count ? -1 : (int)index;
    }

    /// <summary>Python's <c>slice.indices(length)</c>: the start, stop and step actually walked.</summary>
    public static (int Start, int Stop, int Step) SliceIndices(PySlice slice, int length)
    {
        var step = slice.Step is null ? 1 : SliceBound(slice.Step);
        if (step == 0)
        {
            throw new TemplateRenderException("ValueError", "slice step cannot be zero");
        }

        var (lower, upper) = step > 0 ? (0L, (long)length) : (-1L, length - 1L);
        long Clamp(object? bound, long whenMissing)
        {
            if (bound is null)
            {
                return whenMissing;
            }

            var value = SliceBound(bound);
            if (value < 0)
            {
                value += length;
                return value < lower ? lower : value;
            }

            return value > upper ? upper : value;
        }

        var start = Clamp(slice.Start, step > 0 ? lower : upper);
        var stop = Clamp(slice.Stop, step > 0 ? upper : lower);
        return ((int)start, (int)stop, (int)Math.Clamp(step, int.MinValue + 1, int.MaxValue));
    }

    private static long SliceBound(object? bound)
    {
        if (!PyOps.IsInteger(bound))
        {
            throw new TemplateRenderException("TypeError", "slice indices must be integers or None or have an __index__ method");
        }

        var value = PyOps.ToBigInteger(bound!);
        return value > int.MaxValue ? int.MaxValue : value < -(long)int.MaxValue ? -(long)int.MaxValue : (long)value;
    }

    private static IEnumerable<int> SlicePositions(PySlice slice, int length)
    {
        var (start, stop, step) = SliceIndices(slice, length);
        if (step > 0)
        {
            for (var i = start; i < stop; i += step)
            {
                yield return i;
            }
        }
        else
        {
            for (var i = start; i > stop; i += step)
            {
                yield return i;
            }
        }
    }

    public static object?[] SliceItems(PyList list, PySlice slice) => [.. SlicePositions(slice, list.Count).Select(i => list[i])];

    public static PyStr SliceString(PyStr text, PySlice slice)
    {
        var builder = new PyStrBuilder(int.MaxValue);
        foreach (var i in SlicePositions(slice, text.CodePointCount))
        {
            var start = text.OffsetOfCodePoint(i);
            builder.Append(text, start, text.OffsetOfCodePoint(i + 1) - start);
        }

        return builder.ToPyStr(text.IsMarkup);
    }

    /// <summary>Python's <c>iter(value)</c>.</summary>
    public static IEnumerable<object?> Iterate(object? value) => value switch
    {
        PyList list => list,
        PyDict dict => dict.Keys,
        PyStr text => Characters(text),
        PyDictView view => view.Iterate(),
        PyIterator iterator => iterator.Consume(),
        PyRange range => range.Iterate(),
        Undefined => [],
        _ => throw new TemplateRenderException("TypeError", $"'{PyOps.TypeName(value)}' object is not iterable"),
    };

    public static bool IsIterable(object? value) => value is PyList or PyDict or PyStr or PyDictView or PyIterator or PyRange or Undefined;

    private static IEnumerable<object?> Characters(PyStr text)
    {
        foreach (var (_, offset, width) in PyUnicode.Enumerate(text.Value))
        {
            yield return text.Slice(offset, width).WithMarkup(false);
        }
    }

    /// <summary>Python's <c>len(value)</c>.</summary>
    public static int Length(object? value) => value switch
    {
        PyStr text => text.CodePointCount,
        PyList list => list.Count,
        PyDict dict => dict.Count,
        PyDictView view => view.Dict.Count,
        Undefined => 0,
        PyRange range => range.Count,
        LoopContext loop => loop.Length,
        _ => throw new TemplateRenderException("TypeError", $"object of type '{PyOps.TypeName(value)}' has no len()"),
    };

    public static bool HasLength(object? value) => value is PyStr or PyList or PyDict or PyDictView or PyRange or Undefined or LoopContext;

    /// <summary>Python's <c>item in container</c>.</summary>
    public static bool Contains(object? container, object? item)
    {
        switch (container)
        {
            case PyStr text:
                if (item is not PyStr needle)
                {
                    throw new TemplateRenderException("TypeError", $"'in <string>' requires string as left operand, not {PyOps.TypeName(item)}");
                }

                return text.Value.Contains(needle.Value, StringComparison.Ordinal);
            case PyDict dict:
                PyOps.Hash(item);
                return dict.ContainsKey(item);
            case PyDictView { Kind: DictViewKind.Keys } keys:
                PyOps.Hash(item);
                return keys.Dict.ContainsKey(item);
            case PyList or PyDictView or PyIterator or PyRange or Undefined:
                return Iterate(container).Any(element => PyOps.Equal(element, item));
            default:
                throw new TemplateRenderException("TypeError", $"argument of type '{PyOps.TypeName(container)}' is not iterable");
        }
    }

    /// <summary>An integer argument (a bool counts, as in Python); <paramref name="parameter"/> names it for readers of the call site.</summary>
    public static BigInteger AsInteger(object? value, string parameter)
    {
        if (!PyOps.IsInteger(value))
        {
            throw new TemplateRenderException("TypeError", $"'{PyOps.TypeName(value)}' object cannot be interpreted as an integer");
        }

        return PyOps.ToBigInteger(value!);
    }
}
