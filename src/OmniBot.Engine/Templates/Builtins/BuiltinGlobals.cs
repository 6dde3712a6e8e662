using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>
/// The global functions a chat template sees: Jinja's <c>range</c> (the sandbox's bounded one), <c>dict</c>,
/// <c>namespace</c>, <c>cycler</c>, <c>joiner</c>, and transformers' <c>raise_exception</c> and <c>strftime_now</c>.
/// </summary>
internal static class BuiltinGlobals
{
    /// <summary>The sandbox's <c>MAX_RANGE</c>.</summary>
    public const int MaxRange = 100_000;

    public static IReadOnlyDictionary<string, object?> All { get; } = new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["range"] = new BuiltinFunction("range", Range),
        ["dict"] = new BuiltinFunction("dict", (_, a) => MakeDict(a)),
        ["namespace"] = new BuiltinFunction("namespace", (_, a) => MakeNamespace(a)),
        ["cycler"] = new BuiltinFunction("cycler", (_, a) => a.Positional.Count > 0
            ? new Cycler([.. a.Positional])
            : throw new TemplateRenderException("RuntimeError", "at least one item has to be provided")),
        ["joiner"] = new BuiltinFunction("joiner", (_, a) => new Joiner(PyRepr.Str(a.Bind("joiner", ["sep"], new PyStr(", "))[0]))),
        ["raise_exception"] = new BuiltinFunction("raise_exception", (_, a) =>
            throw new TemplateRaisedException(PyRepr.Str(a.Bind("raise_exception", ["message"])[0]).Value), isPythonFunction: true),
        ["strftime_now"] = new BuiltinFunction("strftime_now", (c, a) =>
            new PyStr(Strftime.Format(c.Now, PyRepr.Str(a.Bind("strftime_now", ["format"])[0]).Value)), isPythonFunction: true),
    };

    private static PyRange Range(RenderContext context, CallArguments arguments)
    {
        if (arguments.Keywords.Count > 0)
        {
            throw new TemplateRenderException("TypeError", "range() takes no keyword arguments");
        }

        var values = arguments.Positional.Select(v => PyAccess.AsInteger(v, "range")).ToList();
        var (start, stop, step) = values.Count switch
        {
            1 => (0, values[0], 1),
            2 => (values[0], values[1], 1),
            3 => (values[0], values[1], values[2]),
            0 => throw new TemplateRenderException("TypeError", "range expected at least 1 argument, got 0"),
            _ => throw new TemplateRenderException("TypeError", $"range expected at most 3 arguments, got {values.Count}"),
        };
        if (step.IsZero)
        {
            throw new TemplateRenderException("ValueError", "range() arg 3 must not be zero");
        }

        var span = step.Sign > 0 ? stop - start : start - stop;
        var length = span.Sign <= 0 ? 0 : ((span - 1) / System.Numerics.BigInteger.Abs(step)) + 1;
        if (length > MaxRange)
        {
            throw new TemplateRenderException("OverflowError", $"Range too big. The sandbox blocks ranges larger than MAX_RANGE ({MaxRange}).");
        }

        return new PyRange((long)start, (long)stop, (long)step);
    }

    private static PyDict MakeDict(CallArguments arguments)
    {
        if (arguments.Positional.Count > 1)
        {
            throw new TemplateRenderException("TypeError", $"dict expected at most 1 argument, got {arguments.Positional.Count}");
        }

        var result = new PyDict();
        if (arguments.Positional.Count == 1)
        {
            var source = arguments.Positional[0];
            if (source is PyDict dict)
            {
                foreach (var (key, value) in dict.Items)
                {
                    result.Set(key, value);
                }
            }
            else
            {
                var index = 0;
                foreach (var pair in PyAccess.Iterate(source))
                {
                    var items = PyAccess.Iterate(pair).ToList();
                    if (items.Count != 2)
                    {
                        throw new TemplateRenderException("ValueError", $"dictionary update sequence element #{index} has length {items.Count}; 2 is required");
                    }

                    PyOps.Hash(items[0]);
                    result.Set(items[0], items[1]);
                    index++;
                }
            }
        }

        foreach (var (key, value) in arguments.Keywords)
        {
            result.Set(new PyStr(key), value);
        }

        return result;
    }

    private static PyNamespace MakeNamespace(CallArguments arguments)
    {
        var ns = new PyNamespace();
        foreach (var (key, value) in MakeDict(arguments).Items)
        {
            ns.Attributes.Set(key, value);
        }

        return ns;
    }
}
