using System.Numerics;
using System.Runtime.CompilerServices;
using OmniBot.Engine.Templates.Builtins;
using OmniBot.Engine.Templates.Runtime;

namespace OmniBot.Engine.Templates.Values;

/// <summary>
/// Python's core value semantics over the runtime representation: <c>None</c> is null, <c>bool</c>, <c>int</c>
/// (<see cref="long"/>, or <see cref="BigInteger"/> beyond 64 bits), <c>float</c> (<see cref="double"/>),
/// <see cref="PyStr"/>, <see cref="PyList"/>, <see cref="PyDict"/>, <see cref="Undefined"/>, and the runtime objects.
/// </summary>
internal static class PyOps
{
    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long or BigInteger => "int",
        double => "float",
        PyStr { IsMarkup: true } => "Markup",
        PyStr => "str",
        PyList list => list.TypeName,
        PyDict => "dict",
        Undefined => "Undefined",
        PyNamespace => "Namespace",
        LoopContext => "LoopContext",
        MacroValue => "Macro",
        PyCallable callable => callable.TypeName,
        PyIterator iterator => iterator.TypeName,
        PyDictView view => view.TypeName,
        PySlice => "slice",
        PyRange => "range",
        Cycler => "Cycler",
        Joiner => "Joiner",
        _ => value.GetType().Name,
    };

    /// <summary>Jinja's <c>object_type_repr</c>: "dict object", "None", "jinja2.utils.Namespace object".</summary>
    public static string ObjectTypeRepr(object? value) => value switch
    {
        null => "None",
        PyNamespace or Cycler or Joiner => $"jinja2.utils.{TypeName(value)} object",
        LoopContext or MacroValue or Undefined => $"jinja2.runtime.{TypeName(value)} object",
        PyStr { IsMarkup: true } => "markupsafe.Markup object",
        _ => $"{TypeName(value)} object",
    };

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        BigInteger big => !big.IsZero,
        double d => d != 0,
        PyStr s => s.Length > 0,
        PyList list => list.Count > 0,
        PyDict dict => dict.Count > 0,
        PyDictView view => view.Dict.Count > 0,
        PyRange range => range.Count > 0,
        Undefined => false,
        _ => true,
    };

    public static bool IsInteger(object? value) => value is long or BigInteger or bool;

    public static bool IsNumber(object? value) => value is long or BigInteger or bool or double;

    public static BigInteger ToBigInteger(object value) => value switch
    {
        long l => l,
        BigInteger big => big,
        bool b => b ? BigInteger.One : BigInteger.Zero,
        _ => throw new InvalidOperationException("not an integer"),
    };

    /// <summary>Normalizes an integer result: a <see cref="long"/> when it fits, otherwise the <see cref="BigInteger"/>.</summary>
    public static object Integer(BigInteger value) => value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;

    public static double ToDouble(object value) => value switch
    {
        double d => d,
        long l => l,
        bool b => b ? 1 : 0,
        BigInteger big => BigToDouble(big),
        _ => throw new InvalidOperationException("not a number"),
    };

    private static double BigToDouble(BigInteger value)
    {
        var result = (double)value;
        if (double.IsInfinity(result))
        {
            throw new TemplateRenderException("OverflowError", "int too large to convert to float");
        }

        return result;
    }

    public static bool Equal(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return a is not double d || !double.IsNaN(d);
        }

        switch (a)
        {
            case null:
                return false;
            case Undefined:
                return b is Undefined;
            case PyStr sa:
                return b is PyStr sb && string.Equals(sa.Value, sb.Value, StringComparison.Ordinal);
            case PyList la:
                return b is PyList lb && la.IsTuple == lb.IsTuple && SequenceEqual(la, lb);
            case PyDict da:
                return b is PyDict db && DictEqual(da, db);
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return NumericCompare(a, b!) == 0;
        }

        return a.Equals(b) && a.GetType() == b?.GetType();
    }

    private static bool SequenceEqual(PyList a, PyList b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        ValueNesting.Enter();
        try
        {
            for (var i = 0; i < a.Count; i++)
            {
                if (!Equal(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            ValueNesting.Exit();
        }
    }

    private static bool DictEqual(PyDict a, PyDict b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        ValueNesting.Enter();
        try
        {
            foreach (var (key, value) in a.Items)
            {
                if (!b.TryGetValue(key, out var other) || !Equal(value, other))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            ValueNesting.Exit();
        }
    }

    /// <summary>Compares two numbers exactly (an int and a float compare by value, not after rounding); NaN compares as unordered (returns null).</summary>
    public static int? NumericCompareOrNull(object a, object b)
    {
        if (a is double || b is double)
        {
            if (a is double da && b is double db)
            {
                return double.IsNaN(da) || double.IsNaN(db) ? null : da.CompareTo(db);
            }

            var (d, other, flip) = a is double x ? (x, b, 1) : ((double)b, a, -1);
            if (double.IsNaN(d))
            {
                return null;
            }

            if (double.IsInfinity(d))
            {
                return flip * (d > 0 ? 1 : -1);
            }

            var integer = ToBigInteger(other);
            var floor = new BigInteger(Math.Floor(d));
            var cmp = floor.CompareTo(integer);
            if (cmp == 0 && d != Math.Floor(d))
            {
                cmp = 1;
            }

            return flip * cmp;
        }

        if (a is long la && b is long lb)
        {
            return la.CompareTo(lb);
        }

        return ToBigInteger(a).CompareTo(ToBigInteger(b));
    }

    private static int NumericCompare(object a, object b) => NumericCompareOrNull(a, b) ?? 2;

    public static int Hash(object? value)
    {
        switch (value)
        {
            case null:
                return 0x5f3759df;
            case bool b:
                return b ? 1 : 0;
            case long l:
                return l.GetHashCode();
            case BigInteger big:
                return big >= long.MinValue && big <= long.MaxValue ? ((long)big).GetHashCode() : big.GetHashCode();
            case double d:
                if (!double.IsFinite(d) || d != Math.Floor(d))
                {
                    return d.GetHashCode();
                }

                return Hash(Integer(new BigInteger(d)));
            case PyStr s:
                return s.GetHashCode();
            case PyList { IsTuple: true } tuple:
                ValueNesting.Enter();
                try
                {
                    var hash = new HashCode();
                    foreach (var item in tuple)
                    {
                        hash.Add(Hash(item));
                    }

                    return hash.ToHashCode();
                }
                finally
                {
                    ValueNesting.Exit();
                }
            case PyList or PyDict or PyDictView:
                throw new TemplateRenderException("TypeError", $"unhashable type: '{TypeName(value)}'");
            case Undefined:
                return 0x0bad;
            default:
                return RuntimeHelpers.GetHashCode(value);
        }
    }

    public static bool IsHashable(object? value) => value switch
    {
        PyList { IsTuple: false } or PyDict or PyDictView => false,
        PyList tuple => AllHashable(tuple),
        _ => true,
    };

    private static bool AllHashable(PyList tuple)
    {
        ValueNesting.Enter();
        try
        {
            return tuple.All(IsHashable);
        }
        finally
        {
            ValueNesting.Exit();
        }
    }

    /// <summary>Python's rich comparison <c>a OP b</c> for <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>.</summary>
    public static bool Compare(object? a, object? b, string op)
    {
        if (a is Undefined ua)
        {
            throw ua.Error();
        }

        if (b is Undefined ub)
        {
            throw ub.Error();
        }

        int? order;
        if (IsNumber(a) && IsNumber(b))
        {
            order = NumericCompareOrNull(a!, b!);
        }
        else if (a is PyStr sa && b is PyStr sb)
        {
            order = PyUnicode.CompareCodePoints(sa.Value, sb.Value);
        }
        else if (a is PyList la && b is PyList lb && la.IsTuple == lb.IsTuple)
        {
            ValueNesting.Enter();
            try
            {
                for (var i = 0; i < Math.Min(la.Count, lb.Count); i++)
                {
                    if (!Equal(la[i], lb[i]))
                    {
                        return Compare(la[i], lb[i], op);
                    }
                }
            }
            finally
            {
                ValueNesting.Exit();
            }

            order = la.Count.CompareTo(lb.Count);
        }
        else
        {
            throw new TemplateRenderException(
                "TypeError",
                $"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");
        }

        if (order is not { } o)
        {
            return false;
        }

        return op switch
        {
            "<" => o < 0,
            "<=" => o <= 0,
            ">" => o > 0,
            _ => o >= 0,
        };
    }

    /// <summary>A comparer with Python's <c>&lt;</c>, for stable sorting (raises TypeError on unorderable values).</summary>
    public static IComparer<object?> Ordering { get; } = Comparer<object?>.Create((x, y) =>
        Compare(x, y, "<") ? -1 : Compare(y, x, "<") ? 1 : 0);
}
