using System.Numerics;
using OmniBot.Engine.Templates.Builtins;
using OmniBot.Engine.Templates.Runtime;
using OmniBot.Engine.Templates.Syntax;

namespace OmniBot.Engine.Templates.Values;

/// <summary>Python's arithmetic operators, including <c>str</c>/<c>list</c> concatenation and repetition and Markup's escaping.</summary>
internal static class PyArithmetic
{
    public static object? Binary(BinaryOperator op, object? a, object? b, RenderContext context)
    {
        if (a is Undefined ua)
        {
            throw ua.Error();
        }

        if (b is Undefined ub)
        {
            throw ub.Error();
        }

        return op switch
        {
            BinaryOperator.Add => Add(a, b, context),
            BinaryOperator.Mul => Multiply(a, b, context),
            BinaryOperator.Mod when a is PyStr format => PercentFormatter.Format(context, format, b),
            _ when PyOps.IsNumber(a) && PyOps.IsNumber(b) => Numeric(op, a!, b!, context),
            _ => throw Unsupported(Symbol(op), a, b),
        };
    }

    private static object? Add(object? a, object? b, RenderContext context)
    {
        switch (a, b)
        {
            case (PyStr sa, PyStr sb):
                return Concatenate(sa, sb, context);
            case (PyStr, _):
                throw new TemplateRenderException("TypeError", $"can only concatenate str (not \"{PyOps.TypeName(b)}\") to str");
            case (PyList la, PyList lb) when la.IsTuple == lb.IsTuple:
                context.CheckLength(la.Count + (long)lb.Count);
                return new PyList([.. la, .. lb], la.IsTuple);
            case (PyList la, _):
                throw new TemplateRenderException("TypeError", $"can only concatenate {la.TypeName} (not \"{PyOps.TypeName(b)}\") to {la.TypeName}");
        }

        if (PyOps.IsNumber(a) && PyOps.IsNumber(b))
        {
            return Numeric(BinaryOperator.Add, a!, b!, context);
        }

        throw Unsupported("+", a, b);
    }

    /// <summary><c>a + b</c> for strings: when either side is Markup, the plain side is HTML-escaped and the result is Markup.</summary>
    public static PyStr Concatenate(PyStr a, PyStr b, RenderContext context)
    {
        var builder = context.NewBuilder();
        var markup = a.IsMarkup || b.IsMarkup;
        builder.Append(markup && !a.IsMarkup ? Html.Escape(a, context) : a);
        builder.Append(markup && !b.IsMarkup ? Html.Escape(b, context) : b);
        return builder.ToPyStr(markup);
    }

    private static object? Multiply(object? a, object? b, RenderContext context)
    {
        if (PyOps.IsInteger(b) && a is PyStr or PyList)
        {
            return Repeat(a!, b!, context);
        }

        if (PyOps.IsInteger(a) && b is PyStr or PyList)
        {
            return Repeat(b!, a!, context);
        }

        if (PyOps.IsNumber(a) && PyOps.IsNumber(b))
        {
            return Numeric(BinaryOperator.Mul, a!, b!, context);
        }

        if ((a is PyStr or PyList && PyOps.IsNumber(b)) || (b is PyStr or PyList && PyOps.IsNumber(a)))
        {
            var other = PyOps.IsNumber(b) ? b : a;
            throw new TemplateRenderException("TypeError", $"can't multiply sequence by non-int of type '{PyOps.TypeName(other)}'");
        }

        throw Unsupported("*", a, b);
    }

    private static object Repeat(object sequence, object times, RenderContext context)
    {
        var count = PyOps.ToBigInteger(times);
        var n = count <= 0 ? 0L : count > int.MaxValue ? int.MaxValue : (long)count;
        if (sequence is PyStr text)
        {
            return context.NewBuilder().AppendRepeated(text, n).ToPyStr(text.IsMarkup);
        }

        var list = (PyList)sequence;
        context.CheckLength(list.Count * n);
        var items = new object?[list.Count * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < list.Count; j++)
            {
                items[(i * list.Count) + j] = list[j];
            }
        }

        return new PyList(items, list.IsTuple);
    }

    private static object Numeric(BinaryOperator op, object a, object b, RenderContext context)
    {
        if (a is double || b is double || op == BinaryOperator.Div)
        {
            if (op == BinaryOperator.Pow && a is not double && b is not double)
            {
                return IntegerPower(a, b, context);
            }

            return FloatOperation(op, PyOps.ToDouble(a), PyOps.ToDouble(b), intOperands: a is not double && b is not double);
        }

        if (a is long la && b is long lb)
        {
            try
            {
                switch (op)
                {
                    case BinaryOperator.Add:
                        return checked(la + lb);
                    case BinaryOperator.Sub:
                        return checked(la - lb);
                    case BinaryOperator.Mul:
                        return checked(la * lb);
                }
            }
            catch (OverflowException)
            {
                // Python ints never overflow: redo the operation below with big integers.
            }
        }

        var x = PyOps.ToBigInteger(a);
        var y = PyOps.ToBigInteger(b);
        switch (op)
        {
            case BinaryOperator.Add:
                return PyOps.Integer(x + y);
            case BinaryOperator.Sub:
                return PyOps.Integer(x - y);
            case BinaryOperator.Mul:
                return PyOps.Integer(x * y);
            case BinaryOperator.FloorDiv:
                if (y.IsZero)
                {
                    throw new TemplateRenderException("ZeroDivisionError", "integer division or modulo by zero");
                }

                var quotient = BigInteger.DivRem(x, y, out var rest);
                return PyOps.Integer(!rest.IsZero && (rest.Sign < 0) != (y.Sign < 0) ? quotient - 1 : quotient);
            case BinaryOperator.Mod:
                if (y.IsZero)
                {
                    throw new TemplateRenderException("ZeroDivisionError", "integer modulo by zero");
                }

                var remainder = BigInteger.Remainder(x, y);
                return PyOps.Integer(!remainder.IsZero && (remainder.Sign < 0) != (y.Sign < 0) ? remainder + y : remainder);
            default:
                return IntegerPower(a, b, context);
        }
    }

    private static object IntegerPower(object a, object b, RenderContext context)
    {
        var x = PyOps.ToBigInteger(a);
        var y = PyOps.ToBigInteger(b);
        if (y.Sign < 0)
        {
            if (x.IsZero)
            {
                throw new TemplateRenderException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
            }

            return FloatOperation(BinaryOperator.Pow, PyOps.ToDouble(a), PyOps.ToDouble(b), intOperands: true);
        }

        if (x.IsZero || x.IsOne || y.IsZero)
        {
            return PyOps.Integer(y.IsZero ? BigInteger.One : x);
        }

        if (x == BigInteger.MinusOne)
        {
            return y.IsEven ? 1L : -1L;
        }

        var digits = (double)y * BigInteger.Log10(BigInteger.Abs(x));
        if (digits > context.MaxLength)
        {
            throw new TemplateLimitExceededException(TemplateLimit.OutputLength, context.MaxLength, $"computed an integer with more than {context.MaxLength} digits");
        }

        return PyOps.Integer(BigInteger.Pow(x, (int)y));
    }

    private static double FloatOperation(BinaryOperator op, double x, double y, bool intOperands)
    {
        switch (op)
        {
            case BinaryOperator.Add:
                return x + y;
            case BinaryOperator.Sub:
                return x - y;
            case BinaryOperator.Mul:
                return x * y;
            case BinaryOperator.Div:
                if (y == 0)
                {
                    throw new TemplateRenderException("ZeroDivisionError", intOperands ? "division by zero" : "float division by zero");
                }

                return x / y;
            case BinaryOperator.FloorDiv:
                if (y == 0)
                {
                    throw new TemplateRenderException("ZeroDivisionError", "float floor division by zero");
                }

                return FloorDivMod(x, y).Quotient;
            case BinaryOperator.Mod:
                if (y == 0)
                {
                    throw new TemplateRenderException("ZeroDivisionError", "float modulo");
                }

                return FloorDivMod(x, y).Remainder;
            default:
                if (x == 0 && y < 0)
                {
                    throw new TemplateRenderException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
                }

                if (x < 0 && y != Math.Floor(y) && double.IsFinite(y))
                {
                    throw new TemplateRenderException("ValueError", "a negative number raised to a fractional power is a complex number, which templates cannot use");
                }

                var result = Math.Pow(x, y);
                if (double.IsInfinity(result) && double.IsFinite(x) && double.IsFinite(y))
                {
                    throw new TemplateRenderException("OverflowError", "(34, 'Numerical result out of range')");
                }

                return result;
        }
    }

    /// <summary>CPython's float floor division and modulo (sign of the divisor, exact for representable results).</summary>
    private static (double Quotient, double Remainder) FloorDivMod(double x, double y)
    {
        var mod = x % y;
        var div = (x - mod) / y;
        if (mod != 0)
        {
            if ((y < 0) != (mod < 0))
            {
                mod += y;
                div -= 1.0;
            }
        }
        else
        {
            mod = Math.CopySign(0.0, y);
        }

        double floorDiv;
        if (div != 0)
        {
            floorDiv = Math.Floor(div);
            if (div - floorDiv > 0.5)
            {
                floorDiv += 1.0;
            }
        }
        else
        {
            floorDiv = Math.CopySign(0.0, x / y);
        }

        return (floorDiv, mod);
    }

    public static object? Negate(object? value, bool minus)
    {
        switch (value)
        {
            case Undefined undefined:
                throw undefined.Error();
            case bool b:
                return minus ? -(b ? 1L : 0L) : (b ? 1L : 0L);
            case long l:
                return !minus ? l : l == long.MinValue ? PyOps.Integer(-(BigInteger)l) : -l;
            case BigInteger big:
                return minus ? PyOps.Integer(-big) : big;
            case double d:
                return minus ? -d : d;
            default:
                throw new TemplateRenderException("TypeError", $"bad operand type for unary {(minus ? '-' : '+')}: '{PyOps.TypeName(value)}'");
        }
    }

    /// <summary>Jinja's <c>~</c>: <c>str()</c> of every operand, joined (never Markup).</summary>
    public static PyStr Concat(IEnumerable<object?> items, RenderContext context)
    {
        var builder = context.NewBuilder();
        foreach (var item in items)
        {
            PyRepr.AppendStr(builder, item);
        }

        return builder.ToPyStr();
    }

    private static TemplateRenderException Unsupported(string symbol, object? a, object? b) => new(
        "TypeError",
        $"unsupported operand type(s) for {symbol}: '{PyOps.TypeName(a)}' and '{PyOps.TypeName(b)}'");

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Sub => "-",
        BinaryOperator.Mul => "*",
        BinaryOperator.Div => "/",
        BinaryOperator.FloorDiv => "//",
        BinaryOperator.Mod => "%",
        _ => "** or pow()",
    };
}
