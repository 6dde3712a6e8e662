using System.Numerics;
using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>
/// The attributes Python values have: <c>str</c>, <c>list</c>, <c>tuple</c> and <c>dict</c> methods and number properties.
/// Methods that would change a list or dict are refused as the immutable sandbox refuses them.
/// </summary>
internal static class PyMethods
{
    private static readonly HashSet<string> MutatingListMethods = ["append", "clear", "pop", "reverse", "insert", "sort", "extend", "remove"];
    private static readonly HashSet<string> MutatingDictMethods = ["clear", "pop", "popitem", "setdefault", "update"];

    /// <summary>The attribute <paramref name="name"/> of <paramref name="owner"/>, or null when the value has no such attribute.</summary>
    public static object? Find(object? owner, string name)
    {
        switch (owner)
        {
            case PyStr:
                return StrMethods.TryGet(name, out var strMethod) ? new BoundMethod(owner, name, strMethod) : null;
            case PyList { IsTuple: false } when MutatingListMethods.Contains(name):
                return Undefined.Unsafe(owner, name);
            case PyList list:
                return name switch
                {
                    "count" => new BoundMethod(list, name, static (_, self, args) =>
                        (long)((PyList)self).Count(item => PyOps.Equal(item, args.Bind("count", ["value"])[0]))),
                    "index" => new BoundMethod(list, name, static (_, self, args) => ListIndex((PyList)self, args)),
                    "copy" when !list.IsTuple => new BoundMethod(list, name, static (_, self, args) =>
                    {
                        args.ExpectNone("copy");
                        return new PyList([.. (PyList)self]);
                    }),
                    _ => null,
                };
            case PyDict when MutatingDictMethods.Contains(name):
                return Undefined.Unsafe(owner, name);
            case PyDict dict:
                return name switch
                {
                    "get" => new BoundMethod(dict, name, static (_, self, args) =>
                    {
                        var bound = args.Bind("get", ["key", "default"], [null]);
                        PyOps.Hash(bound[0]);
                        return ((PyDict)self).TryGetValue(bound[0], out var found) ? found : bound[1];
                    }),
                    "keys" => View(dict, name, DictViewKind.Keys),
                    "values" => View(dict, name, DictViewKind.Values),
                    "items" => View(dict, name, DictViewKind.Items),
                    "copy" => new BoundMethod(dict, name, static (_, self, args) =>
                    {
                        args.ExpectNone("copy");
                        return ((PyDict)self).Copy();
                    }),
                    "fromkeys" => new BoundMethod(dict, name, static (_, _, args) =>
                    {
                        var bound = args.Bind("fromkeys", ["iterable", "value"], [null]);
                        var result = new PyDict();
                        foreach (var key in PyAccess.Iterate(bound[0]))
                        {
                            PyOps.Hash(key);
                            result.Set(key, bound[1]);
                        }

                        return result;
                    }),
                    _ => null,
                };
            case bool or long or BigInteger:
                return name switch
                {
                    "real" or "numerator" => PyOps.Integer(PyOps.ToBigInteger(owner)),
                    "imag" => 0L,
                    "denominator" => 1L,
                    "bit_length" => new BoundMethod(owner, name, static (_, self, _) =>
                        (long)BigInteger.Abs(PyOps.ToBigInteger(self)).GetBitLength()),
                    "conjugate" => new BoundMethod(owner, name, static (_, self, _) => PyOps.Integer(PyOps.ToBigInteger(self))),
                    _ => null,
                };
            case double d:
                return name switch
                {
                    "real" => d,
                    "imag" => 0.0,
                    "is_integer" => new BoundMethod(owner, name, static (_, self, _) =>
                        double.IsFinite((double)self) && Math.Floor((double)self) == (double)self),
                    "conjugate" => new BoundMethod(owner, name, static (_, self, _) => self),
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static BoundMethod View(PyDict dict, string name, DictViewKind kind) =>
        new(dict, name, (_, self, args) =>
        {
            args.ExpectNone(name);
            return new PyDictView((PyDict)self, kind);
        });

    private static object ListIndex(PyList list, CallArguments arguments)
    {
        var bound = arguments.Bind("index", ["value", "start", "stop"], 0L, (long)int.MaxValue);
        var (start, stop, _) = PyAccess.SliceIndices(new PySlice(bound[1], bound[2], null), list.Count);
        for (var i = start; i < stop; i++)
        {
            if (PyOps.Equal(list[i], bound[0]))
            {
                return (long)i;
            }
        }

        throw new TemplateRenderException("ValueError", list.IsTuple ? "tuple.index(x): x not in tuple" : $"{PyRepr.Repr(bound[0]).Value} is not in list");
    }

    /// <summary>Calls a method by name on a value (used by filters that forward to methods).</summary>
    public static object? Invoke(RenderContext context, object receiver, string name, CallArguments arguments) =>
        Find(receiver, name) is PyCallable method
            ? method.Call(context, arguments)
            : throw new TemplateRenderException("AttributeError", $"'{PyOps.TypeName(receiver)}' object has no attribute '{name}'");
}
