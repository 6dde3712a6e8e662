using System.Text;
using OmniBot.Engine.Templates.Builtins;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Syntax;

/// <summary>Primary expressions and what follows them: literals, names, subscripts, calls, filters, tests, assignment targets.</summary>
internal sealed partial class Parser
{
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
        var depth = 0;
        try
        {
            while (true)
            {
                if (Current.Kind is TokenKind.Dot or TokenKind.LBracket)
                {
                    Deepen(ref depth);
                    node = ParseSubscript(node);
                }
                else if (Current.Kind == TokenKind.LParen)
                {
                    Deepen(ref depth);
                    node = ParseCall(node);
                }
                else
                {
                    return node;
                }
            }
        }
        finally
        {
            _nesting -= depth;
        }
    }

    private Expr ParseFilterExpression(Expr node)
    {
        var depth = 0;
        try
        {
            while (true)
            {
                if (Current.Kind == TokenKind.Pipe)
                {
                    Deepen(ref depth);
                    node = ParseFilter(node, startInline: false)!;
                }
                else if (Current.IsName("is"))
                {
                    Deepen(ref depth);
                    node = ParseTest(node);
                }
                else if (Current.Kind == TokenKind.LParen)
                {
                    Deepen(ref depth);
                    node = ParseCall(node);
                }
                else
                {
                    return node;
                }
            }
        }
        finally
        {
            _nesting -= depth;
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
}
