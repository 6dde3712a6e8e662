using System.Runtime.CompilerServices;
using OmniBot.Engine.Templates.Builtins;
using OmniBot.Engine.Templates.Syntax;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Runtime;

internal sealed partial class Interpreter
{
    public object? Evaluate(Expr expression, Scope scope)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expression)
        {
            case ConstExpr constant:
                return constant.Value;
            case NameExpr name:
                return scope.TryGet(name.Name, out var value) ? value : Undefined.ForName(name.Name);
            case GetAttrExpr getAttr:
                return PyAccess.GetAttr(Evaluate(getAttr.Target, scope), getAttr.Attribute);
            case GetItemExpr getItem:
                var owner = Evaluate(getItem.Target, scope);
                return PyAccess.GetItem(owner, Evaluate(getItem.Key, scope));
            case SliceExpr slice:
                return new PySlice(EvaluateOptional(slice.Start, scope), EvaluateOptional(slice.Stop, scope), EvaluateOptional(slice.Step, scope));
            case CallExpr call:
                return EvaluateCall(call, scope, caller: null);
            case FilterExpr filter:
                return ApplyFilter(filter, scope, innermostValue: null);
            case TestExpr test:
                return ApplyTest(test, scope);
            case AndExpr and:
                var left = Evaluate(and.Left, scope);
                return PyOps.IsTruthy(left) ? Evaluate(and.Right, scope) : left;
            case OrExpr or:
                var first = Evaluate(or.Left, scope);
                return PyOps.IsTruthy(first) ? first : Evaluate(or.Right, scope);
            case NotExpr not:
                return !PyOps.IsTruthy(Evaluate(not.Operand, scope));
            case CompareExpr compare:
                return EvaluateCompare(compare, scope);
            case BinaryExpr binary:
                var a = Evaluate(binary.Left, scope);
                return PyArithmetic.Binary(binary.Operator, a, Evaluate(binary.Right, scope), _context);
            case ConcatExpr concat:
                return PyArithmetic.Concat(concat.Items.Select(item => Evaluate(item, scope)).ToArray(), _context);
            case NegateExpr negate:
                return PyArithmetic.Negate(Evaluate(negate.Operand, scope), negate.IsMinus);
            case ConditionalExpr conditional:
                if (PyOps.IsTruthy(Evaluate(conditional.Test, scope)))
                {
                    return Evaluate(conditional.Then, scope);
                }

                return conditional.Else is null
                    ? Undefined.WithHint($"the inline if-expression on line {conditional.Line} evaluated to false and no else section was defined.")
                    : Evaluate(conditional.Else, scope);
            case TupleExpr tuple:
                return new PyList(EvaluateAll(tuple.Items, scope), isTuple: true);
            case ListExpr list:
                return new PyList(EvaluateAll(list.Items, scope));
            case DictExpr dict:
                var result = new PyDict();
                foreach (var (keyExpr, valueExpr) in dict.Pairs)
                {
                    var key = Evaluate(keyExpr, scope);
                    PyOps.Hash(key);
                    result.Set(key, Evaluate(valueExpr, scope));
                }

                return result;
            default:
                throw new InvalidOperationException($"Cannot evaluate {expression.GetType().Name}.");
        }
    }

    private object? EvaluateOptional(Expr? expression, Scope scope) => expression is null ? null : Evaluate(expression, scope);

    private object?[] EvaluateAll(IReadOnlyList<Expr> expressions, Scope scope)
    {
        var values = new object?[expressions.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Evaluate(expressions[i], scope);
        }

        return values;
    }

    private bool EvaluateCompare(CompareExpr compare, Scope scope)
    {
        var left = Evaluate(compare.First, scope);
        foreach (var (op, operand) in compare.Rest)
        {
            var right = Evaluate(operand, scope);
            var holds = op switch
            {
                CompareOperator.Eq => PyOps.Equal(left, right),
                CompareOperator.Ne => !PyOps.Equal(left, right),
                CompareOperator.Lt => PyOps.Compare(left, right, "<"),
                CompareOperator.LtEq => PyOps.Compare(left, right, "<="),
                CompareOperator.Gt => PyOps.Compare(left, right, ">"),
                CompareOperator.GtEq => PyOps.Compare(left, right, ">="),
                CompareOperator.In => PyAccess.Contains(right, left),
                _ => !PyAccess.Contains(right, left),
            };
            if (!holds)
            {
                return false;
            }

            left = right;
        }

        return true;
    }

    private object? EvaluateCall(CallExpr call, Scope scope, MacroValue? caller)
    {
        var callee = Evaluate(call.Target, scope);
        var arguments = EvaluateArguments(call.Arguments, scope);
        if (caller is not null)
        {
            arguments = new CallArguments(arguments.Positional, [.. arguments.Keywords, new("caller", caller)]);
        }

        return Call(callee, arguments);
    }

    public object? Call(object? callee, CallArguments arguments) => callee switch
    {
        Undefined undefined => throw undefined.Error(),
        PyCallable callable => callable.Call(_context, arguments),
        LoopContext loop => loop.Recurse(arguments),
        Joiner joiner => joiner.Call(arguments),
        _ => throw new TemplateRenderException("TypeError", $"'{PyOps.TypeName(callee)}' object is not callable"),
    };

    private CallArguments EvaluateArguments(CallSyntax syntax, Scope scope)
    {
        if (syntax.Positional.Count == 0 && syntax.Keywords.Count == 0 && syntax.DynamicPositional is null && syntax.DynamicKeywords is null)
        {
            return CallArguments.Empty;
        }

        var positional = new List<object?>(syntax.Positional.Count);
        foreach (var expr in syntax.Positional)
        {
            positional.Add(Evaluate(expr, scope));
        }

        if (syntax.DynamicPositional is not null)
        {
            positional.AddRange(PyAccess.Iterate(Evaluate(syntax.DynamicPositional, scope)));
        }

        var keywords = new List<KeyValuePair<string, object?>>(syntax.Keywords.Count);
        foreach (var (name, expr) in syntax.Keywords)
        {
            keywords.Add(new(name, Evaluate(expr, scope)));
        }

        if (syntax.DynamicKeywords is not null)
        {
            var mapping = Evaluate(syntax.DynamicKeywords, scope);
            if (mapping is not PyDict dict)
            {
                throw new TemplateRenderException("TypeError", $"argument after ** must be a mapping, not {PyOps.TypeName(mapping)}");
            }

            foreach (var (key, value) in dict.Items)
            {
                if (key is not PyStr name)
                {
                    throw new TemplateRenderException("TypeError", "keywords must be strings");
                }

                if (keywords.Any(k => k.Key == name.Value))
                {
                    throw new TemplateRenderException("TypeError", $"got multiple values for keyword argument '{name.Value}'");
                }

                keywords.Add(new(name.Value, value));
            }
        }

        return new CallArguments(positional, keywords);
    }

    private object? ApplyFilter(FilterExpr filter, Scope scope, object? innermostValue)
    {
        var value = filter.Target is null ? innermostValue : filter.Target is FilterExpr inner
            ? ApplyFilter(inner, scope, innermostValue)
            : Evaluate(filter.Target, scope);
        if (filter.Function is null)
        {
            throw new TemplateRenderException("TemplateRuntimeError", $"No filter named '{filter.Name}' found.");
        }

        return filter.Function(_context, value, EvaluateArguments(filter.Arguments, scope));
    }

    private bool ApplyTest(TestExpr test, Scope scope)
    {
        var value = Evaluate(test.Target, scope);
        if (test.Function is null)
        {
            throw new TemplateRenderException("TemplateRuntimeError", $"No test named '{test.Name}' found.");
        }

        return test.Function(_context, value, EvaluateArguments(test.Arguments, scope));
    }
}
