using System.Runtime.CompilerServices;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Syntax;

/// <summary>
/// Recursive-descent parser following Jinja2's grammar (statements here, expressions in the other part).
/// Error messages use Jinja's wording; every error carries line and column.
/// </summary>
internal sealed partial class Parser
{
    private const int MaxNesting = 400;

    private static readonly HashSet<string> UnsupportedTags = ["extends", "include", "import", "from", "autoescape"];

    private readonly List<Token> _tokens;
    private readonly List<string> _tagStack = [];
    private readonly List<string[]> _endTagStack = [];
    private int _index;
    private int _nesting;
    private int _loopDepth;

    private Parser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    public static IReadOnlyList<Stmt> Parse(string normalizedSource)
    {
        var parser = new Parser(Lexer.Tokenize(normalizedSource));
        var body = parser.Subparse(null);
        TemplateValidator.Validate(body);
        return body;
    }

    private Token Current => _tokens[_index];

    private Token Look => _tokens[Math.Min(_index + 1, _tokens.Count - 1)];

    private Token Next()
    {
        var token = _tokens[_index];
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    private bool SkipIf(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        Next();
        return true;
    }

    private bool SkipIfName(string name)
    {
        if (!Current.IsName(name))
        {
            return false;
        }

        Next();
        return true;
    }

    private Token Expect(TokenKind kind)
    {
        var token = Current;
        if (token.Kind == kind)
        {
            return Next();
        }

        if (token.Kind == TokenKind.Eof)
        {
            throw Fail($"unexpected end of template, expected '{Token.DescribeKind(kind)}'.", token);
        }

        throw Fail($"expected token '{Token.DescribeKind(kind)}', got '{token.Describe()}'", token);
    }

    private Token ExpectName(string name)
    {
        var token = Current;
        if (token.IsName(name))
        {
            return Next();
        }

        if (token.Kind == TokenKind.Eof)
        {
            throw Fail($"unexpected end of template, expected '{name}'.", token);
        }

        throw Fail($"expected token '{name}', got '{token.Describe()}'", token);
    }

    private static TemplateSyntaxException Fail(string message, Token at) => new(message, at.Line, at.Column);

    private void Enter(Token at)
    {
        if (++_nesting > MaxNesting)
        {
            throw Fail($"the template nests more than {MaxNesting} levels deep (blocks, brackets, operator, filter and attribute chains count); flatten it", at);
        }

        // The bound above fits a thread pool thread's stack; this catches a caller running on a smaller one.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Fail($"the template nests more than {_nesting} levels deep, which exhausts the thread's stack; flatten it", at);
        }
    }

    private List<Stmt> Subparse(string[]? endTags)
    {
        if (endTags is not null)
        {
            _endTagStack.Add(endTags);
        }

        try
        {
            return SubparseBody(endTags);
        }
        finally
        {
            if (endTags is not null)
            {
                _endTagStack.RemoveAt(_endTagStack.Count - 1);
            }
        }
    }

    private List<Stmt> SubparseBody(string[]? endTags)
    {
        var body = new List<Stmt>();
        var output = new List<Expr>();
        var outputLine = 0;

        void Flush()
        {
            if (output.Count > 0)
            {
                body.Add(new OutputStmt(output.ToArray(), outputLine));
                output.Clear();
            }
        }

        while (Current.Kind != TokenKind.Eof)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Data:
                    if (output.Count == 0)
                    {
                        outputLine = token.Line;
                    }

                    output.Add(new ConstExpr(new PyStr((string)token.Value!), token.Line));
                    Next();
                    break;
                case TokenKind.VariableBegin:
                    Next();
                    if (output.Count == 0)
                    {
                        outputLine = token.Line;
                    }

                    output.Add(ParseTuple(withCondition: true, explicitParentheses: false, simplified: false, null));
                    Expect(TokenKind.VariableEnd);
                    break;
                case TokenKind.BlockBegin:
                    Flush();
                    Next();
                    if (endTags is not null && Current.Kind == TokenKind.Name && Array.IndexOf(endTags, Current.Text) >= 0)
                    {
                        return body;
                    }

                    body.Add(ParseStatement());
                    Expect(TokenKind.BlockEnd);
                    break;
                default:
                    throw Fail("internal parser error: unexpected token", token);
            }
        }

        Flush();
        return body;
    }

    private List<Stmt> ParseStatements(string[] endTags, bool dropNeedle)
    {
        SkipIf(TokenKind.Colon);
        Expect(TokenKind.BlockEnd);
        var result = Subparse(endTags);
        if (Current.Kind == TokenKind.Eof)
        {
            throw FailEof(endTags);
        }

        if (dropNeedle)
        {
            Next();
        }

        return result;
    }

    private TemplateSyntaxException FailEof(string[] endTags)
    {
        _endTagStack.Add(endTags);
        try
        {
            return FailUnknownOrEof(null, Current);
        }
        finally
        {
            _endTagStack.RemoveAt(_endTagStack.Count - 1);
        }
    }

    /// <summary>Jinja's message for an unknown tag or a missing end tag, naming what the innermost block waits for.</summary>
    private TemplateSyntaxException FailUnknownOrEof(string? name, Token at)
    {
        var message = name is null ? "Unexpected end of template." : $"Encountered unknown tag '{name}'.";
        if (_endTagStack.Count > 0)
        {
            var lookingFor = string.Join(" or ", _endTagStack[^1].Select(t => $"'{t}'"));
            message += name is not null && _endTagStack.Any(tags => tags.Contains(name))
                ? $" You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for {lookingFor}."
                : $" Jinja was looking for the following tags: {lookingFor}.";
        }

        if (_tagStack.Count > 0)
        {
            message += $" The innermost block that needs to be closed is '{_tagStack[^1]}'.";
        }

        return Fail(message, at);
    }

    private Stmt ParseStatement()
    {
        var token = Current;
        if (token.Kind != TokenKind.Name)
        {
            throw Fail("tag name expected", token);
        }

        if (UnsupportedTags.Contains(token.Text))
        {
            throw Fail($"The '{token.Text}' tag is not supported: a chat template is rendered on its own, without a loader or autoescaping.", token);
        }

        _tagStack.Add(token.Text);
        Enter(token);
        try
        {
            return token.Text switch
            {
                "for" => ParseFor(),
                "if" => ParseIf(),
                "block" => ParseBlock(),
                "print" => ParsePrint(),
                "macro" => ParseMacro(),
                "set" => ParseSet(),
                "with" => ParseWith(),
                "call" => ParseCallBlock(),
                "filter" => ParseFilterBlock(),
                "break" or "continue" => ParseLoopControl(),
                "generation" => ParseGeneration(),
                _ => throw UnknownTag(token),
            };
        }
        finally
        {
            _tagStack.RemoveAt(_tagStack.Count - 1);
            _nesting--;
        }
    }

    private TemplateSyntaxException UnknownTag(Token token)
    {
        _tagStack.RemoveAt(_tagStack.Count - 1);
        var error = FailUnknownOrEof(token.Text, token);
        _tagStack.Add(token.Text);
        return error;
    }
}
