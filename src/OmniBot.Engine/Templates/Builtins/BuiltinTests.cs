using System.Numerics;
using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Syntax;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Builtins;

/// <summary>Jinja2's default tests (<c>x is defined</c>, <c>x is string</c>, ...), with Python's type rules (a bool is a number, a dict is a sequence).</summary>
internal static class BuiltinTests
{
    private static readonly Dictionary<string, TestFunction> Tests = new(StringComparer.Ordinal)
    {
        ["odd"] = (c, v, a) => NoArguments(a, "test_odd", PyOps.Equal(PyArithmetic.Binary(BinaryOperator.Mod, v, 2L, c), 1L)),
        ["even"] = (c, v, a) => NoArguments(a, "test_even", PyOps.Equal(PyArithmetic.Binary(BinaryOperator.Mod, v, 2L, c), 0L)),
        ["divisibleby"] = (c, v, a) => PyOps.Equal(PyArithmetic.Binary(BinaryOperator.Mod, v, a.Bind("test_divisibleby", ["num"])[0], c), 0L),
        ["defined"] = (c, v, a) => NoArguments(a, "test_defined", v is not Undefined),
        ["undefined"] = (c, v, a) => NoArguments(a, "test_undefined", v is Undefined),
        ["filter"] = (c, v, a) => NoArguments(a, "test_filter", v is PyStr name && BuiltinFilters.Exists(name.Value)),
        ["test"] = (c, v, a) => NoArguments(a, "test_test", v is PyStr name && Tests!.ContainsKey(name.Value)),
        ["none"] = (c, v, a) => NoArguments(a, "test_none", v is null),
        ["boolean"] = (c, v, a) => NoArguments(a, "test_boolean", v is bool),
        ["false"] = (c, v, a) => NoArguments(a, "test_false", v is false),
        ["true"] = (c, v, a) => NoArguments(a, "test_true", v is true),
        ["integer"] = (c, v, a) => NoArguments(a, "test_integer", v is long or BigInteger),
        ["float"] = (c, v, a) => NoArguments(a, "test_float", v is double),
        ["lower"] = (c, v, a) => NoArguments(a, "test_lower", PyOps.IsTruthy(PyMethods.Invoke(c, PyRepr.Str(v), "islower", CallArguments.Empty))),
        ["upper"] = (c, v, a) => NoArguments(a, "test_upper", PyOps.IsTruthy(PyMethods.Invoke(c, PyRepr.Str(v), "isupper", CallArguments.Empty))),
        ["string"] = (c, v, a) => NoArguments(a, "test_string", v is PyStr),
        ["mapping"] = (c, v, a) => NoArguments(a, "test_mapping", v is PyDict),
        ["number"] = (c, v, a) => NoArguments(a, "test_number", PyOps.IsNumber(v)),
        ["sequence"] = (c, v, a) => NoArguments(a, "test_sequence", v is PyStr or PyList or PyDict or PyRange or Undefined),
        ["iterable"] = (c, v, a) => NoArguments(a, "test_iterable", PyAccess.IsIterable(v) || v is LoopContext),
        ["callable"] = (c, v, a) => NoArguments(a, "callable", v is PyCallable or LoopContext or Joiner or Undefined),
        ["sameas"] = (c, v, a) => SameAs(v, a.Bind("test_sameas", ["other"])[0]),
        ["escaped"] = (c, v, a) => NoArguments(a, "test_escaped", v is PyStr { IsMarkup: true }),
        ["in"] = (c, v, a) => PyAccess.Contains(a.Bind("test_in", ["seq"])[0], v),
        ["=="] = Equal,
        ["eq"] = Equal,
        ["equalto"] = Equal,
        ["!="] = (c, v, a) => !Equal(c, v, a),
        ["ne"] = (c, v, a) => !Equal(c, v, a),
        [">"] = (c, v, a) => Compare(v, a, ">"),
        ["gt"] = (c, v, a) => Compare(v, a, ">"),
        ["greaterthan"] = (c, v, a) => Compare(v, a, ">"),
        [">="] = (c, v, a) => Compare(v, a, ">="),
        ["ge"] = (c, v, a) => Compare(v, a, ">="),
        ["<"] = (c, v, a) => Compare(v, a, "<"),
        ["lt"] = (c, v, a) => Compare(v, a, "<"),
        ["lessthan"] = (c, v, a) => Compare(v, a, "<"),
        ["<="] = (c, v, a) => Compare(v, a, "<="),
        ["le"] = (c, v, a) => Compare(v, a, "<="),
    };

    public static TestFunction? Find(string name) => Tests.GetValueOrDefault(name);

    /// <summary>Calls a test by name, as <c>select('odd')</c> does; an unknown name raises Jinja's runtime error.</summary>
    public static bool Call(RenderContext context, object? name, object? value, CallArguments arguments)
    {
        if (name is Undefined undefined)
        {
            throw undefined.Error();
        }

        var testName = PyRepr.Str(name).Value;
        var test = Find(testName) ?? throw new TemplateRenderException("TemplateRuntimeError", $"No test named '{testName}'.");
        return test(context, value, arguments);
    }

    private static bool NoArguments(CallArguments arguments, string function, bool result)
    {
        arguments.Bind(function, []);
        return result;
    }

    private static bool Equal(RenderContext context, object? value, CallArguments arguments) =>
        PyOps.Equal(value, arguments.Bind("eq", ["other"])[0]);

    private static bool Compare(object? value, CallArguments arguments, string op) =>
        PyOps.Compare(value, arguments.Bind(op, ["other"])[0], op);

    private static bool SameAs(object? value, object? other) => value switch
    {
        null => other is null,
        bool b => other is bool ob && b == ob,
        long l => other is long ol && l == ol && l is >= -5 and <= 256,
        _ => ReferenceEquals(value, other),
    };
}
