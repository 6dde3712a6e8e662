using System.Numerics;
using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

internal static partial class BuiltinFilters
{
    private static object? First(RenderContext context, object? value, CallArguments arguments)
    {
        arguments.Bind("do_first", []);
        foreach (var item in PyAccess.Iterate(value))
        {
            return item;
        }

        return Undefined.WithHint("No first item, sequence was empty.");
    }

    private static object? Last(RenderContext context, object? value, CallArguments arguments)
    {
        arguments.Bind("do_last", []);
        foreach (var item in Reversed(value) ?? throw new TemplateRenderException("TypeError", $"'{PyOps.TypeName(value)}' object is not reversible"))
        {
            return item;
        }

        return Undefined.WithHint("No last item, sequence was empty.");
    }

    /// <summary>Python's <c>reversed(value)</c>, or null where Python raises TypeError.</summary>
    private static IEnumerable<object?>? Reversed(object? value) => value switch
    {
        PyList list => Enumerable.Range(0, list.Count).Select(i => list[list.Count - 1 - i]),
        PyStr text => PyAccess.Iterate(text).Reverse(),
        PyDict dict => dict.Keys.Reverse(),
        PyDictView view => view.Iterate().Reverse(),
        PyRange range => Enumerable.Range(0, range.Count).Select(i => (object?)range[range.Count - 1 - i]),
        Undefined => [],
        _ => null,
    };

    private static object? Reverse(RenderContext context, object? value, CallArguments arguments)
    {
        arguments.Bind("do_reverse", []);
        if (value is PyStr text)
        {
            return PyAccess.SliceString(text, new PySlice(null, null, -1L));
        }

        var reversed = Reversed(value);
        if (reversed is not null)
        {
            var typeName = value switch
            {
                PyList { IsTuple: false } => "list_reverseiterator",
                PyDict or PyDictView => "dict_reversekeyiterator",
                PyRange => "range_iterator",
                _ => "reversed",
            };
            return new PyIterator(reversed, typeName, $"<{typeName} object>");
        }

        if (!PyAccess.IsIterable(value))
        {
            throw FilterArgumentError("argument must be iterable");
        }

        var items = PyAccess.Iterate(value).ToList();
        items.Reverse();
        return new PyList([.. items]);
    }

    private static PyList ToList(object? value, RenderContext context)
    {
        var items = new List<object?>();
        foreach (var item in PyAccess.Iterate(value))
        {
            items.Add(item);
            context.CheckLength(items.Count);
        }

        return new PyList([.. items]);
    }

    private static PyStr Join(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("sync_do_join", ["d", "attribute"], PyStr.Empty, null);
        var items = PyAccess.Iterate(value);
        if (bound[1] is not null)
        {
            items = items.Select(AttributeGetter.Create(bound[1]));
        }

        var separator = PyRepr.Str(bound[0], context.MaxLength);
        var builder = context.NewBuilder();
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                builder.Append(separator);
            }

            first = false;
            PyRepr.AppendStr(builder, item);
        }

        return builder.ToPyStr();
    }

    private static PyIterator Items(RenderContext context, object? value, CallArguments arguments)
    {
        arguments.Bind("do_items", []);
        return PyIterator.Deferred(
            () => value switch
            {
                Undefined => [],
                PyDict dict => dict.Items.Select(pair => (object?)PyList.Tuple(pair.Key, pair.Value)),
                _ => throw new TemplateRenderException("TypeError", "Can only get item pairs from a mapping."),
            },
            "do_items");
    }

    private static PyList DictSort(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("do_dictsort", ["case_sensitive", "by", "reverse"], false, new PyStr("key"), false);
        var by = PyRepr.Str(bound[1]).Value;
        var position = by switch
        {
            "key" => 0,
            "value" => 1,
            _ => throw FilterArgumentError("You can only sort by either \"key\" or \"value\""),
        };
        var items = PyMethods.Invoke(context, AsOwner(value), "items", CallArguments.Empty);
        Func<object?, object?> key = item => ((PyList)item!)[position];
        if (!PyOps.IsTruthy(bound[0]))
        {
            var inner = key;
            key = item => AttributeGetter.IgnoreCase(inner(item));
        }

        return new PyList([.. SortBy(PyAccess.Iterate(items), key, PyOps.IsTruthy(bound[2]))]);
    }

    private static object AsOwner(object? value) => value switch
    {
        Undefined undefined => throw undefined.Error(),
        null => throw new TemplateRenderException("AttributeError", "'NoneType' object has no attribute 'items'"),
        _ => value,
    };

    private static List<object?> SortBy(IEnumerable<object?> items, Func<object?, object?> key, bool descending)
    {
        var keyed = items.Select(item => (Item: item, Key: key(item))).ToList();
        var sorted = StableSort.Sort(keyed, (a, b) => descending ? PyOps.Ordering.Compare(b.Key, a.Key) : PyOps.Ordering.Compare(a.Key, b.Key));
        return [.. sorted.Select(pair => pair.Item)];
    }

    private static PyList Sort(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("do_sort", ["reverse", "case_sensitive", "attribute"], false, false, null);
        var key = AttributeGetter.CreateMulti(bound[2], PyOps.IsTruthy(bound[1]) ? null : AttributeGetter.IgnoreCase);
        return new PyList([.. SortBy(PyAccess.Iterate(value), key, PyOps.IsTruthy(bound[0]))]);
    }

    private static PyIterator Unique(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("do_unique", ["case_sensitive", "attribute"], false, null);
        var key = AttributeGetter.Create(bound[1], PyOps.IsTruthy(bound[0]) ? null : AttributeGetter.IgnoreCase);
        return PyIterator.Deferred(() => UniqueItems(PyAccess.Iterate(value), key), "do_unique");

        static IEnumerable<object?> UniqueItems(IEnumerable<object?> source, Func<object?, object?> key)
        {
            var seen = new PyDict();
            foreach (var item in source)
            {
                var k = key(item);
                PyOps.Hash(k);
                if (!seen.ContainsKey(k))
                {
                    seen.Set(k, null);
                    yield return item;
                }
            }
        }
    }

    private static object? MinOrMax(object? value, CallArguments arguments, string function, string op)
    {
        var bound = arguments.Bind(function, ["case_sensitive", "attribute"], false, null);
        var key = AttributeGetter.Create(bound[1], PyOps.IsTruthy(bound[0]) ? null : AttributeGetter.IgnoreCase);
        object? best = null;
        object? bestKey = null;
        var any = false;
        foreach (var item in PyAccess.Iterate(value))
        {
            var k = key(item);
            if (!any || PyOps.Compare(k, bestKey, op))
            {
                best = item;
                bestKey = k;
                any = true;
            }
        }

        return any ? best : Undefined.WithHint("No aggregated item, sequence was empty.");
    }

    private static object? Sum(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("sync_do_sum", ["attribute", "start"], null, 0L);
        var items = PyAccess.Iterate(value);
        if (bound[0] is not null)
        {
            items = items.Select(AttributeGetter.Create(bound[0]));
        }

        if (bound[1] is PyStr)
        {
            throw new TemplateRenderException("TypeError", "sum() can't sum strings [use ''.join(seq) instead]");
        }

        var total = bound[1];
        foreach (var item in items)
        {
            total = PyArithmetic.Binary(Syntax.BinaryOperator.Add, total, item, context);
        }

        return total;
    }

    private static PyIterator Batch(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("do_batch", ["linecount", "fill_with"], [null]);
        var size = (long)PyAccess.AsInteger(bound[0], "linecount");
        return PyIterator.Deferred(() => Batches(PyAccess.Iterate(value), size, bound[1]), "do_batch");

        static IEnumerable<object?> Batches(IEnumerable<object?> source, long size, object? fill)
        {
            var current = new List<object?>();
            foreach (var item in source)
            {
                if (current.Count == size)
                {
                    yield return new PyList([.. current]);
                    current = [];
                }

                current.Add(item);
            }

            if (current.Count > 0)
            {
                while (fill is not null && current.Count < size)
                {
                    current.Add(fill);
                }

                yield return new PyList([.. current]);
            }
        }
    }

    private static PyIterator Slice(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("sync_do_slice", ["slices", "fill_with"], [null]);
        var slices = (int)BigInteger.Clamp(PyAccess.AsInteger(bound[0], "slices"), 0, int.MaxValue);
        return PyIterator.Deferred(() => Slices(PyAccess.Iterate(value).ToList(), slices, bound[1]), "sync_do_slice");

        static IEnumerable<object?> Slices(List<object?> items, int slices, object? fill)
        {
            if (slices == 0)
            {
                throw new TemplateRenderException("ZeroDivisionError", "integer division or modulo by zero");
            }

            var perSlice = items.Count / slices;
            var withExtra = items.Count % slices;
            var offset = 0;
            for (var i = 0; i < slices; i++)
            {
                var start = offset + (i * perSlice);
                if (i < withExtra)
                {
                    offset++;
                }

                var end = offset + ((i + 1) * perSlice);
                var chunk = items.GetRange(start, end - start);
                if (fill is not null && i >= withExtra)
                {
                    chunk.Add(fill);
                }

                yield return new PyList([.. chunk]);
            }
        }
    }
}
