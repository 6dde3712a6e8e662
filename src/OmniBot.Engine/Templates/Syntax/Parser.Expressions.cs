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

    /// <summary>Counts one more level of a left-nested chain (<c>a + b + c</c> nests like parentheses once built).</summary>
    private void Deepen(ref int depth)
    {
        Enter(Current);
        depth++;
    }

    private Expr ParseConditional()
    {
        var line = Current.Line;
        var expr = ParseOr();
        var depth = 0;
        try
        {
            while (SkipIfName("if"))
            {
                Deepen(ref depth);
                var test = ParseOr();
                var otherwise = SkipIfName("else") ? ParseConditional() : null;
                expr = new ConditionalExpr(test, expr, otherwise, line);
                line = Current.Line;
            }

            return expr;
        }
        finally
        {
            _nesting -= depth;
        }
    }

    private Expr ParseOr()
    {
        var line = Current.Line;
        var left = ParseAnd();
        var depth = 0;
        try
        {
            while (SkipIfName("or"))
            {
                Deepen(ref depth);
                left = new OrExpr(left, ParseAnd(), line);
                line = Current.Line;
            }

            return left;
        }
        finally
        {
            _nesting -= depth;
        }
    }

    private Expr ParseAnd()
    {
        var line = Current.Line;
        var left = ParseNot();
        var depth = 0;
        try
        {
            while (SkipIfName("and"))
            {
                Deepen(ref depth);
                left = new AndExpr(left, ParseNot(), line);
                line = Current.Line;
            }

            return left;
        }
        finally
        {
            _nesting -= depth;
        }
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
        var depth = 0;
        try
        {
            while (Current.Kind is TokenKind.Add or TokenKind.Sub)
            {
                Deepen(ref depth);
                var op = Next().Kind == TokenKind.Add ? BinaryOperator.Add : BinaryOperator.Sub;
                left = new BinaryExpr(op, left, ParseConcat(), line);
                line = Current.Line;
            }

            return left;
        }
        finally
        {
            _nesting -= depth;
        }
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
        var depth = 0;
        try
        {
            while (Current.Kind is TokenKind.Mul or TokenKind.Div or TokenKind.FloorDiv or TokenKind.Mod)
            {
                Deepen(ref depth);
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
        finally
        {
            _nesting -= depth;
        }
    }

    private Expr ParsePow()
    {
        var line = Current.Line;
        var left = ParseUnary(withFilter: true);
        var depth = 0;
        try
        {
            while (SkipIf(TokenKind.Pow))
            {
                Deepen(ref depth);
                left = new BinaryExpr(BinaryOperator.Pow, left, ParseUnary(withFilter: true), line);
                line = Current.Line;
            }

            return left;
        }
        finally
        {
            _nesting -= depth;
        }
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
}
