namespace OmniBot.Engine.Templates.Syntax;

/// <summary>The statement tags: <c>for</c>, <c>if</c>, <c>macro</c>, <c>call</c>, <c>filter</c>, <c>set</c>, <c>with</c>, <c>block</c>, loop controls and <c>generation</c>.</summary>
internal sealed partial class Parser
{
    private ForStmt ParseFor()
    {
        var line = Next().Line;
        var target = ParseAssignTarget(withTuple: true, nameOnly: false, extraEndName: "in", withNamespace: false);
        ExpectName("in");
        var iterable = ParseTuple(withCondition: false, explicitParentheses: false, simplified: false, "recursive");
        Expr? filter = null;
        if (SkipIfName("if"))
        {
            filter = ParseExpression(withCondition: true);
        }

        var recursive = SkipIfName("recursive");
        _loopDepth++;
        var body = ParseStatements(["endfor", "else"], dropNeedle: false);
        _loopDepth--;
        IReadOnlyList<Stmt> otherwise = Next().Text == "endfor"
            ? []
            : ParseStatements(["endfor"], dropNeedle: true);
        return new ForStmt(target, iterable, body, otherwise, filter, recursive, line);
    }

    private IfStmt ParseIf()
    {
        var line = Next().Line;
        var branches = new List<(Expr Test, List<Stmt> Body, int Line)>();
        IReadOnlyList<Stmt> otherwise = [];
        while (true)
        {
            var test = ParseTuple(withCondition: false, explicitParentheses: false, simplified: false, null);
            var body = ParseStatements(["elif", "else", "endif"], dropNeedle: false);
            branches.Add((test, body, line));
            var token = Next();
            if (token.Text == "elif")
            {
                line = Current.Line;
                continue;
            }

            if (token.Text == "else")
            {
                otherwise = ParseStatements(["endif"], dropNeedle: true);
            }

            break;
        }

        return new IfStmt(branches.Select(b => new IfBranch(b.Test, b.Body)).ToArray(), otherwise, branches[0].Line);
    }

    private ScopedBodyStmt ParseBlock()
    {
        var line = Next().Line;
        var name = Expect(TokenKind.Name).Text;
        SkipIfName("scoped");
        SkipIfName("required");
        if (Current.Kind == TokenKind.Sub)
        {
            throw Fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.", Current);
        }

        var body = WithoutLoop(() => ParseStatements(["endblock"], dropNeedle: true));
        SkipIfName(name);
        return new ScopedBodyStmt(body, line);
    }

    private OutputStmt ParsePrint()
    {
        var line = Next().Line;
        var items = new List<Expr>();
        while (Current.Kind != TokenKind.BlockEnd)
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Comma);
            }

            items.Add(ParseExpression(withCondition: true));
        }

        return new OutputStmt(items, line);
    }

    private MacroStmt ParseMacro()
    {
        var line = Next().Line;
        var name = ((NameExpr)ParseAssignTarget(withTuple: false, nameOnly: true, null, withNamespace: false)).Name;
        var (parameters, defaults) = ParseSignature();
        var body = WithoutLoop(() => ParseStatements(["endmacro"], dropNeedle: true));
        return new MacroStmt(BuildSignature(name, parameters, defaults, body), line);
    }

    private static MacroSignature BuildSignature(string name, List<string> parameters, List<Expr> defaults, List<Stmt> body)
    {
        var loaded = NameUsage.LoadedNames(body);
        return new MacroSignature(
            name,
            parameters,
            defaults,
            body,
            UsesCaller: loaded.Contains("caller") && !parameters.Contains("caller"),
            CatchesKeywords: loaded.Contains("kwargs") && !parameters.Contains("kwargs"),
            CatchesVarargs: loaded.Contains("varargs") && !parameters.Contains("varargs"));
    }

    private (List<string> Parameters, List<Expr> Defaults) ParseSignature()
    {
        var parameters = new List<string>();
        var defaults = new List<Expr>();
        Expect(TokenKind.LParen);
        while (Current.Kind != TokenKind.RParen)
        {
            if (parameters.Count > 0)
            {
                Expect(TokenKind.Comma);
            }

            var parameter = (NameExpr)ParseAssignTarget(withTuple: false, nameOnly: true, null, withNamespace: false);
            if (SkipIf(TokenKind.Assign))
            {
                defaults.Add(ParseExpression(withCondition: true));
            }
            else if (defaults.Count > 0)
            {
                throw Fail("non-default argument follows default argument", Current);
            }

            parameters.Add(parameter.Name);
        }

        Expect(TokenKind.RParen);
        return (parameters, defaults);
    }

    private CallBlockStmt ParseCallBlock()
    {
        var token = Next();
        var (parameters, defaults) = Current.Kind == TokenKind.LParen ? ParseSignature() : ([], []);
        if (ParseExpression(withCondition: true) is not CallExpr call)
        {
            throw Fail("expected call", token);
        }

        var body = WithoutLoop(() => ParseStatements(["endcall"], dropNeedle: true));
        return new CallBlockStmt(call, BuildSignature("caller", parameters, defaults, body), token.Line);
    }

    private FilterBlockStmt ParseFilterBlock()
    {
        var line = Next().Line;
        var filter = ParseFilter(null, startInline: true)!;
        var body = ParseStatements(["endfilter"], dropNeedle: true);
        return new FilterBlockStmt(filter, body, line);
    }

    private Stmt ParseSet()
    {
        var line = Next().Line;
        var target = ParseAssignTarget(withTuple: true, nameOnly: false, null, withNamespace: true);
        if (SkipIf(TokenKind.Assign))
        {
            return new AssignStmt(target, ParseTuple(withCondition: true, explicitParentheses: false, simplified: false, null), line);
        }

        var filter = ParseFilter(null, startInline: false);
        var body = ParseStatements(["endset"], dropNeedle: true);
        return new AssignBlockStmt(target, filter, body, line);
    }

    private WithStmt ParseWith()
    {
        var line = Next().Line;
        var targets = new List<Expr>();
        var values = new List<Expr>();
        while (Current.Kind != TokenKind.BlockEnd)
        {
            if (targets.Count > 0)
            {
                Expect(TokenKind.Comma);
            }

            targets.Add(ParseAssignTarget(withTuple: true, nameOnly: false, null, withNamespace: false));
            Expect(TokenKind.Assign);
            values.Add(ParseExpression(withCondition: true));
        }

        var body = ParseStatements(["endwith"], dropNeedle: true);
        return new WithStmt(targets, values, body, line);
    }

    private Stmt ParseLoopControl()
    {
        var token = Next();
        if (_loopDepth == 0)
        {
            throw Fail($"'{token.Text}' outside loop", token);
        }

        return token.Text == "break" ? new BreakStmt(token.Line) : new ContinueStmt(token.Line);
    }

    private ScopedBodyStmt ParseGeneration()
    {
        var line = Next().Line;
        var body = WithoutLoop(() => ParseStatements(["endgeneration"], dropNeedle: true));
        return new ScopedBodyStmt(body, line);
    }

    /// <summary>Macro-like bodies are separate functions in Jinja's compiled code: a loop outside them cannot be broken from inside.</summary>
    private List<Stmt> WithoutLoop(Func<List<Stmt>> parse)
    {
        var saved = _loopDepth;
        _loopDepth = 0;
        try
        {
            return parse();
        }
        finally
        {
            _loopDepth = saved;
        }
    }
}
