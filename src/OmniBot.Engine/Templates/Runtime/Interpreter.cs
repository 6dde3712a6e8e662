using System.Runtime.CompilerServices;
using OmniBot.Engine.Templates.Syntax;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Runtime;

/// <summary>
/// Executes a parsed template for one render. Statements live here, expressions in the other part.
/// Scoping follows Jinja: <c>for</c> iterations, macros, call/filter/set blocks and <c>with</c> get their own scope; <c>if</c> does not.
/// </summary>
internal sealed partial class Interpreter
{
    private readonly RenderContext _context;

    public Interpreter(RenderContext context)
    {
        _context = context;
        context.Interpreter = this;
    }

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    public PyStr Render(IReadOnlyList<Stmt> body, Scope scope)
    {
        var output = _context.NewBuilder();
        try
        {
            Execute(body, scope, output);
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw new TemplateLimitExceededException(
                TemplateLimit.RecursionDepth,
                _context.Options.MaxRecursionDepth,
                "nested values or calls so deeply that the thread's stack ran out",
                ex);
        }

        return output.ToPyStr();
    }

    private Flow Execute(IReadOnlyList<Stmt> body, Scope scope, PyStrBuilder output)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var statement in body)
        {
            Flow flow;
            try
            {
                flow = ExecuteStatement(statement, scope, output);
            }
            catch (TemplateException ex) when (ex.Line is null)
            {
                ex.Line = statement.Line;
                throw;
            }

            if (flow != Flow.Normal)
            {
                return flow;
            }
        }

        return Flow.Normal;
    }

    private Flow ExecuteStatement(Stmt statement, Scope scope, PyStrBuilder output)
    {
        switch (statement)
        {
            case OutputStmt print:
                WriteOutput(print, scope, output);
                return Flow.Normal;
            case IfStmt branch:
                foreach (var candidate in branch.Branches)
                {
                    if (PyOps.IsTruthy(Evaluate(candidate.Test, scope)))
                    {
                        return Execute(candidate.Body, scope, output);
                    }
                }

                return Execute(branch.Else, scope, output);
            case ForStmt loop:
                RunLoop(loop, Evaluate(loop.Iterable, scope), scope, output, depth0: 0);
                return Flow.Normal;
            case AssignStmt assign:
                Assign(assign.Target, Evaluate(assign.Value, scope), scope);
                return Flow.Normal;
            case AssignBlockStmt assignBlock:
                object? captured = Capture(assignBlock.Body, new Scope(scope));
                if (assignBlock.Filter is not null)
                {
                    captured = ApplyFilter(assignBlock.Filter, scope, captured);
                }

                Assign(assignBlock.Target, captured, scope);
                return Flow.Normal;
            case MacroStmt macro:
                scope.Set(macro.Signature.Name, new MacroValue(macro.Signature, scope, this));
                return Flow.Normal;
            case CallBlockStmt call:
                var caller = new MacroValue(call.Caller, scope, this);
                PyRepr.AppendStr(output, EvaluateCall(call.Call, scope, caller));
                return Flow.Normal;
            case FilterBlockStmt filter:
                var body = Capture(filter.Body, new Scope(scope));
                PyRepr.AppendStr(output, ApplyFilter(filter.Filter, scope, body));
                return Flow.Normal;
            case WithStmt with:
                var values = with.Values.Select(v => Evaluate(v, scope)).ToArray();
                var inner = new Scope(scope);
                for (var i = 0; i < values.Length; i++)
                {
                    Assign(with.Targets[i], values[i], inner);
                }

                return Execute(with.Body, inner, output);
            case ScopedBodyStmt scoped:
                Execute(scoped.Body, new Scope(scope), output);
                return Flow.Normal;
            case BreakStmt:
                return Flow.Break;
            case ContinueStmt:
                return Flow.Continue;
            default:
                throw new InvalidOperationException($"Unknown statement {statement.GetType().Name}.");
        }
    }

    private void WriteOutput(OutputStmt print, Scope scope, PyStrBuilder output)
    {
        foreach (var item in print.Items)
        {
            if (item is ConstExpr { Value: PyStr text })
            {
                output.Append(text);
                continue;
            }

            try
            {
                PyRepr.AppendStr(output, Evaluate(item, scope));
            }
            catch (TemplateException ex) when (ex.Line is null)
            {
                ex.Line = item.Line;
                throw;
            }
        }
    }

    private PyStr Capture(IReadOnlyList<Stmt> body, Scope scope)
    {
        var output = _context.NewBuilder();
        Execute(body, scope, output);
        return output.ToPyStr();
    }

    private void RunLoop(ForStmt loop, object? iterable, Scope scope, PyStrBuilder output, int depth0)
    {
        var items = PyAccess.Iterate(iterable);
        int? knownLength = null;
        if (loop.Filter is null)
        {
            knownLength = PyAccess.HasLength(iterable) ? PyAccess.Length(iterable) : null;
        }
        else
        {
            items = FilterLoopItems(loop, items, scope);
        }

        Func<object?, int, PyStr>? recurse = loop.Recursive ? (children, depth) => RenderRecursion(loop, children, scope, depth) : null;
        var context = new LoopContext(items, knownLength, depth0, recurse);
        var iterated = false;
        while (context.MoveNext(out var item))
        {
            _context.CountIteration();
            iterated = true;
            var iteration = new Scope(scope);
            Assign(loop.Target, item, iteration);
            iteration.Set("loop", context);
            if (Execute(loop.Body, iteration, output) == Flow.Break)
            {
                break;
            }
        }

        if (!iterated && loop.Else.Count > 0)
        {
            Execute(loop.Else, new Scope(scope), output);
        }
    }

    private IEnumerable<object?> FilterLoopItems(ForStmt loop, IEnumerable<object?> items, Scope scope)
    {
        foreach (var item in items)
        {
            var test = new Scope(scope);
            Assign(loop.Target, item, test);
            if (PyOps.IsTruthy(Evaluate(loop.Filter!, test)))
            {
                yield return item;
            }
        }
    }

    private PyStr RenderRecursion(ForStmt loop, object? iterable, Scope scope, int depth0)
    {
        _context.EnterRecursion();
        try
        {
            var output = _context.NewBuilder();
            RunLoop(loop, iterable, scope, output, depth0);
            return output.ToPyStr();
        }
        finally
        {
            _context.ExitRecursion();
        }
    }

    private void Assign(Expr target, object? value, Scope scope)
    {
        switch (target)
        {
            case NameExpr name:
                scope.Set(name.Name, value);
                break;
            case NamespaceRefExpr reference:
                if (!scope.TryGet(reference.Name, out var ns) || ns is not PyNamespace namespaceObject)
                {
                    throw new TemplateRenderException("TemplateRuntimeError", "cannot assign attribute on non-namespace object");
                }

                namespaceObject.Attributes.Set(new PyStr(reference.Attribute), value);
                break;
            case TupleExpr tuple:
                var items = PyAccess.Iterate(value).Take(tuple.Items.Count + 1).ToList();
                if (items.Count < tuple.Items.Count)
                {
                    throw new TemplateRenderException("ValueError", $"not enough values to unpack (expected {tuple.Items.Count}, got {items.Count})");
                }

                if (items.Count > tuple.Items.Count)
                {
                    throw new TemplateRenderException("ValueError", $"too many values to unpack (expected {tuple.Items.Count})");
                }

                for (var i = 0; i < items.Count; i++)
                {
                    Assign(tuple.Items[i], items[i], scope);
                }

                break;
            default:
                throw new InvalidOperationException($"Cannot assign to {target.GetType().Name}.");
        }
    }

    /// <summary>Calls a macro with Jinja's argument rules (missing arguments become undefined; extras need <c>varargs</c>/<c>kwargs</c>).</summary>
    public PyStr InvokeMacro(MacroValue macro, CallArguments arguments)
    {
        var signature = macro.Signature;
        var parameters = signature.Parameters;
        var scope = new Scope(macro.DefiningScope);
        var keywords = new List<KeyValuePair<string, object?>>(arguments.Keywords);
        var provided = new bool[parameters.Count];
        var foundCaller = parameters.Contains("caller");
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i < arguments.Positional.Count)
            {
                scope.Set(parameters[i], arguments.Positional[i]);
                provided[i] = true;
                continue;
            }

            var index = keywords.FindIndex(k => k.Key == parameters[i]);
            if (index >= 0)
            {
                scope.Set(parameters[i], keywords[index].Value);
                keywords.RemoveAt(index);
                provided[i] = true;
            }
        }

        if (signature.UsesCaller && !foundCaller)
        {
            var index = keywords.FindIndex(k => k.Key == "caller");
            object? caller = Undefined.WithHint("No caller defined", "caller");
            if (index >= 0)
            {
                caller = keywords[index].Value;
                keywords.RemoveAt(index);
            }

            scope.Set("caller", caller);
        }

        if (signature.CatchesKeywords)
        {
            var kwargs = new PyDict();
            foreach (var (key, value) in keywords)
            {
                kwargs.Set(new PyStr(key), value);
            }

            scope.Set("kwargs", kwargs);
        }
        else if (keywords.Count > 0)
        {
            throw new TemplateRenderException(
                "TypeError",
                keywords.Any(k => k.Key == "caller")
                    ? $"macro '{signature.Name}' was invoked with two values for the special caller argument. This is most likely a bug."
                    : $"macro '{signature.Name}' takes no keyword argument '{keywords[0].Key}'");
        }

        if (signature.CatchesVarargs)
        {
            scope.Set("varargs", new PyList([.. arguments.Positional.Skip(parameters.Count)], isTuple: true));
        }
        else if (arguments.Positional.Count > parameters.Count)
        {
            throw new TemplateRenderException("TypeError", $"macro '{signature.Name}' takes not more than {parameters.Count} argument(s)");
        }

        _context.EnterRecursion();
        try
        {
            var firstDefault = parameters.Count - signature.Defaults.Count;
            for (var i = 0; i < parameters.Count; i++)
            {
                if (!provided[i])
                {
                    scope.Set(parameters[i], i >= firstDefault
                        ? Evaluate(signature.Defaults[i - firstDefault], scope)
                        : Undefined.WithHint($"parameter '{parameters[i]}' was not provided", parameters[i]));
                }
            }

            return Capture(signature.Body, scope);
        }
        finally
        {
            _context.ExitRecursion();
        }
    }
}
