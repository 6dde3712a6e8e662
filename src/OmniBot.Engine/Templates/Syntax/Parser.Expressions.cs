using System.Text;
using OmniBot.Engine.Templates.Builtins;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Syntax;

internal sealed partial class Parser
{
    private Expr ParseExpression(bool withCondition)
    {
        Enter(Current);
        try
        {
            return withCondition ? ParseConditional() : ParseOr();
        }
        finally
        {
            _nesting--;
        }
    }

    private Expr ParseConditional()
    {
        var line = Current.Line;
        var expr = ParseOr();
        while (SkipIfName("if"))
        {
            var test = ParseOr();
            var otherwise = SkipIfName("else") ? ParseConditional() : null;
            expr = new ConditionalExpr(test, expr, otherwise, line);
            line = Current.Line;
        }

        return expr;
    }

    private Expr ParseOr()
    {
        var line = Current.Line;
        var left = ParseAnd();
        while (SkipIfName("or"))
        {
            left = new OrExpr(left, ParseAnd(), line);
            line = Current.Line;
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var line = Current.Line;
        var left = ParseNot();
        while (SkipIfName("and"))
        {
            left = new AndExpr(left, ParseNot(), line);
            line = Current.Line;
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var token = Next();
            Enter(token);
            try
            {
                return new NotExpr(ParseNot(), token.Line);
            }
            finally
            {
                _nesting--;
            }
        }

        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var line = Current.Line;
        var first = ParseMath1();
        var rest = new List<KeyValuePair<CompareOperator, Expr>>();
        while (true)
        {
            CompareOperator? op = Current.Kind switch
            {
                TokenKind.Eq => CompareOperator.Eq,
                TokenKind.Ne => CompareOperator.Ne,
                TokenKind.Lt => CompareOperator.Lt,
                TokenKind.LtEq => CompareOperator.LtEq,
                TokenKind.Gt => CompareOperator.Gt,
                TokenKind.GtEq => CompareOperator.GtEq,
                _ => null,
            };
            if (op is { } found)
            {
                Next();
                rest.Add(new(found, ParseMath1()));
            }
            else if (SkipIfName("in"))
            {
                rest.Add(new(CompareOperator.In, ParseMath1()));
            }
            else if (Current.IsName("not") && Look.IsName("in"))
            {
                Next();
                Next();
                rest.Add(new(CompareOperator.NotIn, ParseMath1()));
            }
            else
            {
                break;
            }

            line = Current.Line;
        }

        return rest.Count == 0 ? first : new CompareExpr(first, rest, line);
    }

    private Expr ParseMath1()
    {
        var line = Current.Line;
        var left = ParseConcat();
        while (Current.Kind is TokenKind.Add or TokenKind.Sub)
        {
            var op = Next().Kind == TokenKind.Add ? BinaryOperator.Add : BinaryOperator.Sub;
            left = new BinaryExpr(op, left, ParseConcat(), line);
            line = Current.Line;
        }

        return left;
    }

    private Expr ParseConcat()
    {
        var line = Current.Line;
        var items = new List<Expr> { ParseMath2() };
        while (SkipIf(TokenKind.Tilde))
        {
            items.Add(ParseMath2());
        }

        return items.Count == 1 ? items[0] : new ConcatExpr(items, line);
    }

    private Expr ParseMath2()
    {
        var line = Current.Line;
        var left = ParsePow();
        while (Current.Kind is TokenKind.Mul or TokenKind.Div or TokenKind.FloorDiv or TokenKind.Mod)
        {
            var op = Next().Kind switch
            {
                TokenKind.Mul => BinaryOperator.Mul,
                TokenKind.Div => BinaryOperator.Div,
                TokenKind.FloorDiv => BinaryOperator.FloorDiv,
                _ => BinaryOperator.Mod,
            };
            left = new BinaryExpr(op, left, ParsePow(), line);
            line = Current.Line;
        }

        return left;
    }

    private Expr ParsePow()
    {
        var line = Current.Line;
        var left = ParseUnary(withFilter: true);
        while (SkipIf(TokenKind.Pow))
        {
            left = new BinaryExpr(BinaryOperator.Pow, left, ParseUnary(withFilter: true), line);
            line = Current.Line;
        }

        return left;
    }

    private Expr ParseUnary(bool withFilter)
    {
        var token = Current;
        Expr node;
        if (token.Kind is TokenKind.Sub or TokenKind.Add)
        {
            Next();
            Enter(token);
            try
            {
                node = new NegateExpr(ParseUnary(withFilter: false), token.Kind == TokenKind.Sub, token.Line);
            }
            finally
            {
                _nesting--;
            }
        }
        else
        {
            node = ParsePrimary(withNamespace: false);
        }

        node = ParsePostfix(node);
        return withFilter ? ParseFilterExpression(node) : node;
    }

    private Expr ParsePrimary(bool withNamespace)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                Next();
                switch (token.Text)
                {
                    case "true" or "True":
                        return new ConstExpr(true, token.Line);
                    case "false" or "False":
                        return new ConstExpr(false, token.Line);
                    case "none" or "None":
                        return new ConstExpr(null, token.Line);
                }

                if (withNamespace && Current.Kind == TokenKind.Dot)
                {
                    Next();
                    return new NamespaceRefExpr(token.Text, Expect(TokenKind.Name).Text, token.Line);
                }

                return new NameExpr(token.Text, token.Line);
            case TokenKind.String:
                Next();
                var text = new StringBuilder((string)token.Value!);
                while (Current.Kind == TokenKind.String)
                {
                    text.Append((string)Next().Value!);
                }

                return new ConstExpr(new PyStr(text.ToString()), token.Line);
            case TokenKind.Integer or TokenKind.Float:
                Next();
                return new ConstExpr(token.Value, token.Line);
            case TokenKind.LParen:
                Next();
                Enter(token);
                try
                {
                    var inner = ParseTuple(withCondition: true, explicitParentheses: true, simplified: false, null);
                    Expect(TokenKind.RParen);
                    return inner;
                }
                finally
                {
                    _nesting--;
                }

            case TokenKind.LBracket:
                return ParseList();
            case TokenKind.LBrace:
                return ParseDict();
            default:
                throw Fail($"unexpected '{token.Describe()}'", token);
        }
    }

    private Expr ParseTuple(bool withCondition, bool explicitParentheses, bool simplified, string? extraEndName, bool withNamespace = false)
    {
        var line = Current.Line;
        var items = new List<Expr>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Comma);
            }

            if (IsTupleEnd(extraEndName))
            {
                break;
            }

            items.Add(simplified ? ParsePrimary(withNamespace) : ParseExpression(withCondition));
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            isTuple = true;
            line = Current.Line;
        }

        if (!isTuple)
        {
            if (items.Count > 0)
            {
                return items[0];
            }

            if (!explicitParentheses)
            {
                throw Fail($"Expected an expression, got '{Current.Describe()}'", Current);
            }
        }

        return new TupleExpr(items, line);
    }

    private bool IsTupleEnd(string? extraEndName) =>
        Current.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd or TokenKind.RParen
        || (extraEndName is not null && Current.IsName(extraEndName));

    private ListExpr ParseList()
    {
        var token = Expect(TokenKind.LBracket);
        Enter(token);
        try
        {
            var items = new List<Expr>();
            while (Current.Kind != TokenKind.RBracket)
            {
                if (items.Count > 0)
                {
                    Expect(TokenKind.Comma);
                }

                if (Current.Kind == TokenKind.RBracket)
                {
                    break;
                }

                items.Add(ParseExpression(withCondition: true));
            }

            Expect(TokenKind.RBracket);
            return new ListExpr(items, token.Line);
        }
        finally
        {
            _nesting--;
        }
    }

    private DictExpr ParseDict()
    {
        var token = Expect(TokenKind.LBrace);
        Enter(token);
        try
        {
            var pairs = new List<KeyValuePair<Expr, Expr>>();
            while (Current.Kind != TokenKind.RBrace)
            {
                if (pairs.Count > 0)
                {
                    Expect(TokenKind.Comma);
                }

                if (Current.Kind == TokenKind.RBrace)
                {
                    break;
                }

                var key = ParseExpression(withCondition: true);
                Expect(TokenKind.Colon);
                pairs.Add(new(key, ParseExpression(withCondition: true)));
            }

            Expect(TokenKind.RBrace);
            return new DictExpr(pairs, token.Line);
        }
        finally
        {
            _nesting--;
        }
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            if (Current.Kind is TokenKind.Dot or TokenKind.LBracket)
            {
                node = ParseSubscript(node);
            }
            else if (Current.Kind == TokenKind.LParen)
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseFilterExpression(Expr node)
    {
        while (true)
        {
            if (Current.Kind == TokenKind.Pipe)
            {
                node = ParseFilter(node, startInline: false)!;
            }
            else if (Current.IsName("is"))
            {
                node = ParseTest(node);
            }
            else if (Current.Kind == TokenKind.LParen)
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseSubscript(Expr node)
    {
        var token = Next();
        if (token.Kind == TokenKind.Dot)
        {
            var attribute = Next();
            if (attribute.Kind == TokenKind.Name)
            {
                return new GetAttrExpr(node, attribute.Text, token.Line);
            }

            if (attribute.Kind != TokenKind.Integer)
            {
                throw Fail("expected name or number", attribute);
            }

            return new GetItemExpr(node, new ConstExpr(attribute.Value, attribute.Line), token.Line);
        }

        Enter(token);
        try
        {
            var args = new List<Expr>();
            while (Current.Kind != TokenKind.RBracket)
            {
                if (args.Count > 0)
                {
                    Expect(TokenKind.Comma);
                }

                args.Add(ParseSubscribed());
            }

            Expect(TokenKind.RBracket);
            var key = args.Count == 1 ? args[0] : new TupleExpr(args, token.Line);
            return new GetItemExpr(node, key, token.Line);
        }
        finally
        {
            _nesting--;
        }
    }

    private Expr ParseSubscribed()
    {
        var line = Current.Line;
        Expr? start = null;
        if (Current.Kind == TokenKind.Colon)
        {
            Next();
        }
        else
        {
            var node = ParseExpression(withCondition: true);
            if (Current.Kind != TokenKind.Colon)
            {
                return node;
            }

            Next();
            start = node;
        }

        Expr? stop = null;
        if (Current.Kind is not (TokenKind.Colon or TokenKind.RBracket or TokenKind.Comma))
        {
            stop = ParseExpression(withCondition: true);
        }

        Expr? step = null;
        if (SkipIf(TokenKind.Colon) && Current.Kind is not (TokenKind.RBracket or TokenKind.Comma))
        {
            step = ParseExpression(withCondition: true);
        }

        return new SliceExpr(start, stop, step, line);
    }

    private CallExpr ParseCall(Expr node)
    {
        var line = Current.Line;
        return new CallExpr(node, ParseCallArguments(), line);
    }

    private CallSyntax ParseCallArguments()
    {
        var token = Expect(TokenKind.LParen);
        Enter(token);
        try
        {
            var positional = new List<Expr>();
            var keywords = new List<KeyValuePair<string, Expr>>();
            Expr? dynamicPositional = null;
            Expr? dynamicKeywords = null;
            var requireComma = false;

            void Ensure(bool condition)
            {
                if (!condition)
                {
                    throw Fail("invalid syntax for function call expression", token);
                }
            }

            while (Current.Kind != TokenKind.RParen)
            {
                if (requireComma)
                {
                    Expect(TokenKind.Comma);
                    if (Current.Kind == TokenKind.RParen)
                    {
                        break;
                    }
                }

                if (Current.Kind == TokenKind.Mul)
                {
                    Ensure(dynamicPositional is null && dynamicKeywords is null);
                    Next();
                    dynamicPositional = ParseExpression(withCondition: true);
                }
                else if (Current.Kind == TokenKind.Pow)
                {
                    Ensure(dynamicKeywords is null);
                    Next();
                    dynamicKeywords = ParseExpression(withCondition: true);
                }
                else if (Current.Kind == TokenKind.Name && Look.Kind == TokenKind.Assign)
                {
                    Ensure(dynamicKeywords is null);
                    var key = Next().Text;
                    Next();
                    keywords.Add(new(key, ParseExpression(withCondition: true)));
                }
                else
                {
                    Ensure(dynamicPositional is null && dynamicKeywords is null && keywords.Count == 0);
                    positional.Add(ParseExpression(withCondition: true));
                }

                requireComma = true;
            }

            Expect(TokenKind.RParen);
            return new CallSyntax(positional, keywords, dynamicPositional, dynamicKeywords);
        }
        finally
        {
            _nesting--;
        }
    }

    private FilterExpr? ParseFilter(Expr? node, bool startInline)
    {
        FilterExpr? result = null;
        while (Current.Kind == TokenKind.Pipe || startInline)
        {
            if (!startInline)
            {
                Next();
            }

            var token = Expect(TokenKind.Name);
            var name = ParseDottedName(token.Text);
            var arguments = Current.Kind == TokenKind.LParen ? ParseCallArguments() : CallSyntax.None;
            result = new FilterExpr(node, name, BuiltinFilters.Find(name), arguments, token.Line, token.Column);
            node = result;
            startInline = false;
        }

        return result;
    }

    private Expr ParseTest(Expr node)
    {
        var token = Next();
        var negated = SkipIfName("not");
        var nameToken = Expect(TokenKind.Name);
        var name = ParseDottedName(nameToken.Text);
        CallSyntax arguments;
        if (Current.Kind == TokenKind.LParen)
        {
            arguments = ParseCallArguments();
        }
        else if (Current.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float
                     or TokenKind.LParen or TokenKind.LBracket or TokenKind.LBrace
                 && !Current.IsName("else") && !Current.IsName("or") && !Current.IsName("and"))
        {
            if (Current.IsName("is"))
            {
                throw Fail("You cannot chain multiple tests with is", Current);
            }

            var argument = ParsePostfix(ParsePrimary(withNamespace: false));
            arguments = new CallSyntax([argument], [], null, null);
        }
        else
        {
            arguments = CallSyntax.None;
        }

        Expr test = new TestExpr(node, name, BuiltinTests.Find(name), arguments, token.Line, nameToken.Column);
        return negated ? new NotExpr(test, token.Line) : test;
    }

    private string ParseDottedName(string first)
    {
        var name = first;
        while (SkipIf(TokenKind.Dot))
        {
            name += "." + Expect(TokenKind.Name).Text;
        }

        return name;
    }

    private Expr ParseAssignTarget(bool withTuple, bool nameOnly, string? extraEndName, bool withNamespace)
    {
        Expr target;
        if (nameOnly)
        {
            var token = Expect(TokenKind.Name);
            target = new NameExpr(token.Text, token.Line);
        }
        else if (withTuple)
        {
            target = ParseTuple(withCondition: true, explicitParentheses: false, simplified: true, extraEndName, withNamespace);
        }
        else
        {
            target = ParsePrimary(withNamespace);
        }

        if (!CanAssign(target))
        {
            throw new TemplateSyntaxException($"can't assign to '{NodeTypeName(target)}'", target.Line, Current.Column);
        }

        return target;
    }

    private static bool CanAssign(Expr target) => target switch
    {
        NameExpr name => name.Name is not ("true" or "false" or "none" or "True" or "False" or "None"),
        NamespaceRefExpr => true,
        TupleExpr tuple => tuple.Items.All(CanAssign),
        _ => false,
    };

    private static string NodeTypeName(Expr node) => node switch
    {
        ConstExpr => "const",
        TupleExpr => "tuple",
        ListExpr => "list",
        DictExpr => "dict",
        _ => node.GetType().Name.Replace("Expr", string.Empty, StringComparison.Ordinal).ToLowerInvariant(),
    };
}
