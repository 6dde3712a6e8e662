using OmniBot.Engine.Templates.Builtins;

namespace OmniBot.Engine.Templates.Syntax;

/// <summary>Call arguments, filters, tests and assignment targets.</summary>
internal sealed partial class Parser
{
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
        var depth = 0;
        try
        {
            while (Current.Kind == TokenKind.Pipe || startInline)
            {
                if (!startInline)
                {
                    Next();
                }

                // Each filter wraps the previous one, so a chain nests (and is evaluated) like parentheses.
                Deepen(ref depth);
                var token = Expect(TokenKind.Name);
                var name = ParseDottedName(token.Text);
                var arguments = Current.Kind == TokenKind.LParen ? ParseCallArguments() : CallSyntax.None;
                result = new FilterExpr(node, name, BuiltinFilters.Find(name), arguments, token.Line, token.Column);
                node = result;
                startInline = false;
            }

            return result;
        }
        finally
        {
            _nesting -= depth;
        }
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
