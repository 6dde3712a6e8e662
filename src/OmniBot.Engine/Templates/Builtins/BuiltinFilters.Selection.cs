using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>The filters that pick or transform items through other filters and tests: <c>map</c>, <c>select</c>/<c>reject</c>(<c>attr</c>), <c>groupby</c>.</summary>
internal static partial class BuiltinFilters
{
    private static PyIterator Map(RenderContext context, object? value, CallArguments arguments) =>
        PyIterator.Deferred(() => MapItems(context, value, arguments), "sync_do_map");

    private static IEnumerable<object?> MapItems(RenderContext context, object? value, CallArguments arguments)
    {
        if (!PyOps.IsTruthy(value))
        {
            return [];
        }

        Func<object?, object?> transform;
        if (arguments.Positional.Count == 0 && arguments.Keywords.Any(k => k.Key == "attribute"))
        {
            object? attribute = null;
            object? defaultValue = null;
            foreach (var (key, item) in arguments.Keywords)
            {
                switch (key)
                {
                    case "attribute":
                        attribute = item;
                        break;
                    case "default":
                        defaultValue = item;
                        break;
                    default:
                        throw FilterArgumentError($"Unexpected keyword argument {PyRepr.QuoteString(key)}");
                }
            }

            transform = AttributeGetter.Create(attribute, defaultValue: defaultValue);
        }
        else
        {
            if (arguments.Positional.Count == 0)
            {
                throw FilterArgumentError("map requires a filter argument");
            }

            var name = arguments.Positional[0];
            var rest = new CallArguments([.. arguments.Positional.Skip(1)], arguments.Keywords);
            transform = item => Call(context, name, item, rest);
        }

        return PyAccess.Iterate(value).Select(transform);
    }

    private static PyIterator SelectOrReject(RenderContext context, object? value, CallArguments arguments, bool expected, bool lookupAttribute)
    {
        var function = lookupAttribute ? (expected ? "sync_do_selectattr" : "sync_do_rejectattr") : (expected ? "sync_do_select" : "sync_do_reject");
        return PyIterator.Deferred(() => SelectItems(context, value, arguments, expected, lookupAttribute), function);
    }

    private static IEnumerable<object?> SelectItems(RenderContext context, object? value, CallArguments arguments, bool expected, bool lookupAttribute)
    {
        if (!PyOps.IsTruthy(value))
        {
            return [];
        }

        var offset = 0;
        Func<object?, object?> select = item => item;
        if (lookupAttribute)
        {
            if (arguments.Positional.Count == 0)
            {
                throw FilterArgumentError("Missing parameter for attribute name");
            }

            select = AttributeGetter.Create(arguments.Positional[0]);
            offset = 1;
        }

        Func<object?, bool> test;
        if (arguments.Positional.Count > offset)
        {
            var name = arguments.Positional[offset];
            var rest = new CallArguments([.. arguments.Positional.Skip(offset + 1)], arguments.Keywords);
            test = item => BuiltinTests.Call(context, name, item, rest);
        }
        else
        {
            test = PyOps.IsTruthy;
        }

        return PyAccess.Iterate(value).Where(item => test(select(item)) == expected);
    }

    private static PyList GroupBy(RenderContext context, object? value, CallArguments arguments)
    {
        var bound = arguments.Bind("sync_do_groupby", ["attribute", "default", "case_sensitive"], null, false);
        var caseSensitive = PyOps.IsTruthy(bound[2]);
        var key = AttributeGetter.Create(bound[0], caseSensitive ? null : AttributeGetter.IgnoreCase, bound[1]);
        var display = AttributeGetter.Create(bound[0], defaultValue: bound[1]);
        var sorted = SortBy(PyAccess.Iterate(value), key, descending: false);
        var groups = new List<object?>();
        var index = 0;
        while (index < sorted.Count)
        {
            var groupKey = key(sorted[index]);
            var members = new List<object?>();
            while (index < sorted.Count && PyOps.Equal(key(sorted[index]), groupKey))
            {
                members.Add(sorted[index++]);
            }

            var grouper = caseSensitive ? groupKey : display(members[0]);
            groups.Add(new PyList([grouper, new PyList([.. members])], isTuple: true, fieldNames: ["grouper", "list"]));
        }

        return new PyList([.. groups]);
    }
}
