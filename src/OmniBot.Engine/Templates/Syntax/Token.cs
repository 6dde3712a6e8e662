namespace OmniBot.Engine.Templates.Syntax;

/// <summary>One lexical token. <paramref name="Value"/> holds the decoded literal (string, integer, float) or the name.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, object? Value, int Line, int Column)
{
    public bool IsName(string name) => Kind == TokenKind.Name && Text == name;

    /// <summary>How Jinja names this token in error messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Name => Text,
        _ => DescribeKind(Kind),
    };

    public static string DescribeKind(TokenKind kind) => kind switch
    {
        TokenKind.Data => "template data / text",
        TokenKind.VariableBegin => "begin of print statement",
        TokenKind.VariableEnd => "end of print statement",
        TokenKind.BlockBegin => "begin of statement block",
        TokenKind.BlockEnd => "end of statement block",
        TokenKind.Name => "name",
        TokenKind.String => "string",
        TokenKind.Integer => "integer",
        TokenKind.Float => "float",
        TokenKind.Eof => "end of template",
        TokenKind.Add => "+",
        TokenKind.Sub => "-",
        TokenKind.Div => "/",
        TokenKind.FloorDiv => "//",
        TokenKind.Mul => "*",
        TokenKind.Mod => "%",
        TokenKind.Pow => "**",
        TokenKind.Tilde => "~",
        TokenKind.LBracket => "[",
        TokenKind.RBracket => "]",
        TokenKind.LParen => "(",
        TokenKind.RParen => ")",
        TokenKind.LBrace => "{",
        TokenKind.RBrace => "}",
        TokenKind.Eq => "==",
        TokenKind.Ne => "!=",
        TokenKind.Gt => ">",
        TokenKind.GtEq => ">=",
        TokenKind.Lt => "<",
        TokenKind.LtEq => "<=",
        TokenKind.Assign => "=",
        TokenKind.Dot => ".",
        TokenKind.Colon => ":",
        TokenKind.Pipe => "|",
        TokenKind.Comma => ",",
        TokenKind.Semicolon => ";",
        _ => kind.ToString(),
    };
}
