using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Syntax;

/// <summary>
/// Splits template source into tokens the way Jinja2's lexer does with <c>trim_blocks=True</c>,
/// <c>lstrip_blocks=True</c> and <c>keep_trailing_newline=False</c>, including its whitespace-control rules.
/// </summary>
internal sealed partial class Lexer
{
    private readonly string _source;
    private readonly SourceMap _map;
    private readonly List<Token> _tokens = [];
    private readonly Stack<char> _brackets = new();
    private int _pos;
    private bool _lineStarting = true;

    private Lexer(string source)
    {
        _source = source;
        _map = new SourceMap(source);
    }

    /// <summary>Normalizes newlines (<c>\r\n</c>, <c>\r</c> become <c>\n</c>) and drops one trailing newline, as Jinja does.</summary>
    public static string Normalize(string source)
    {
        var normalized = source.Contains('\r', StringComparison.Ordinal)
            ? source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : source;
        return normalized.EndsWith('\n') ? normalized[..^1] : normalized;
    }

    /// <summary>Tokenizes already normalized source; the last token is <see cref="TokenKind.Eof"/>.</summary>
    public static List<Token> Tokenize(string normalizedSource)
    {
        var lexer = new Lexer(normalizedSource);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (_pos < _source.Length)
        {
            var tagStart = FindTagStart(_pos);
            if (tagStart < 0)
            {
                Emit(TokenKind.Data, _source[_pos..], _source[_pos..], _pos);
                _pos = _source.Length;
                break;
            }

            var kind = _source[tagStart + 1];
            var signIndex = tagStart + 2;
            var sign = signIndex < _source.Length && _source[signIndex] is '-' or '+' ? _source[signIndex] : '\0';
            var rawEnd = kind == '%' ? MatchRawBegin(tagStart) : -1;
            var text = StripBeforeTag(_source[_pos..tagStart], sign, isVariable: kind == '{');
            if (text.Length > 0)
            {
                Emit(TokenKind.Data, text, text, _pos);
            }

            var afterOpen = signIndex + (sign == '\0' ? 0 : 1);
            if (rawEnd >= 0)
            {
                _pos = rawEnd;
                _lineStarting = _source[rawEnd - 1] == '\n';
                LexRaw(tagStart);
                continue;
            }

            _lineStarting = false;
            switch (kind)
            {
                case '{':
                    Emit(TokenKind.VariableBegin, "{{", null, tagStart);
                    _pos = afterOpen;
                    LexTag(isBlock: false);
                    break;
                case '%':
                    Emit(TokenKind.BlockBegin, "{%", null, tagStart);
                    _pos = afterOpen;
                    LexTag(isBlock: true);
                    break;
                default:
                    _pos = afterOpen;
                    LexComment(tagStart);
                    break;
            }
        }

        Emit(TokenKind.Eof, string.Empty, null, _source.Length);
    }

    private int FindTagStart(int from)
    {
        for (var i = _source.IndexOf('{', from); i >= 0 && i + 1 < _source.Length; i = _source.IndexOf('{', i + 1))
        {
            if (_source[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Applies <c>{%-</c> (strip all whitespace before) or lstrip_blocks (strip indentation before a block or comment tag).</summary>
    private string StripBeforeTag(string text, char sign, bool isVariable)
    {
        if (sign == '-')
        {
            var end = text.Length;
            while (end > 0 && PyUnicode.IsSpace(text[end - 1]))
            {
                end--;
            }

            return text[..end];
        }

        if (sign == '+' || isVariable)
        {
            return text;
        }

        var lineStart = text.LastIndexOf('\n') + 1;
        if (lineStart > 0 || _lineStarting)
        {
            for (var i = lineStart; i < text.Length; i++)
            {
                if (text[i] is not (' ' or '\t'))
                {
                    return text;
                }
            }

            return text[..lineStart];
        }

        return text;
    }

    /// <summary>Matches <c>{%[-+]? raw (-%}\s*|%})</c> at <paramref name="tagStart"/>; returns the index after it or -1.</summary>
    private int MatchRawBegin(int tagStart)
    {
        var p = tagStart + 2;
        if (p < _source.Length && _source[p] is '-' or '+')
        {
            p++;
        }

        p = SkipSpace(p);
        if (string.CompareOrdinal(_source, p, "raw", 0, 3) != 0)
        {
            return -1;
        }

        p = SkipSpace(p + 3);
        if (string.CompareOrdinal(_source, p, "-%}", 0, 3) == 0)
        {
            return SkipSpace(p + 3);
        }

        return string.CompareOrdinal(_source, p, "%}", 0, 2) == 0 ? p + 2 : -1;
    }

    private void LexRaw(int rawStart)
    {
        for (var p = _source.IndexOf("{%", _pos, StringComparison.Ordinal); p >= 0; p = _source.IndexOf("{%", p + 1, StringComparison.Ordinal))
        {
            var q = p + 2;
            var sign = q < _source.Length && _source[q] is '-' or '+' ? _source[q] : '\0';
            if (sign != '\0')
            {
                q++;
            }

            q = SkipSpace(q);
            if (string.CompareOrdinal(_source, q, "endraw", 0, 6) != 0)
            {
                continue;
            }

            var end = MatchTagEnd(SkipSpace(q + 6), '%');
            if (end < 0)
            {
                continue;
            }

            var text = StripBeforeTag(_source[_pos..p], sign, isVariable: false);
            if (text.Length > 0)
            {
                Emit(TokenKind.Data, text, text, _pos);
            }

            _pos = end;
            _lineStarting = _source[end - 1] == '\n';
            return;
        }

        throw Error("Missing end of raw directive", rawStart);
    }

    private void LexComment(int commentStart)
    {
        for (var p = _source.IndexOf("#}", _pos, StringComparison.Ordinal); p >= 0; p = _source.IndexOf("#}", p + 1, StringComparison.Ordinal))
        {
            var start = p - 1 >= _pos && _source[p - 1] is '-' or '+' ? p - 1 : p;
            var end = MatchTagEnd(start, '#');
            if (end >= 0)
            {
                _pos = end;
                _lineStarting = _source[end - 1] == '\n';
                return;
            }
        }

        throw Error("Missing end of comment tag", commentStart);
    }

    /// <summary>Matches <c>+X}</c>, <c>-X}\s*</c> or <c>X}\n?</c> (trim_blocks) at <paramref name="p"/>; returns the index after it or -1.</summary>
    private int MatchTagEnd(int p, char marker)
    {
        if (p + 2 < _source.Length && _source[p] == '+' && _source[p + 1] == marker && _source[p + 2] == '}')
        {
            return p + 3;
        }

        if (p + 2 < _source.Length && _source[p] == '-' && _source[p + 1] == marker && _source[p + 2] == '}')
        {
            return SkipSpace(p + 3);
        }

        if (p + 1 < _source.Length && _source[p] == marker && _source[p + 1] == '}')
        {
            return p + 2 < _source.Length && _source[p + 2] == '\n' ? p + 3 : p + 2;
        }

        return -1;
    }

    private void LexTag(bool isBlock)
    {
        while (_pos < _source.Length)
        {
            if (_brackets.Count == 0 && TryLexTagEnd(isBlock))
            {
                return;
            }

            var c = _source[_pos];
            if (PyUnicode.IsSpace(c))
            {
                _pos = SkipSpace(_pos);
            }
            else if (!TryLexNumber() && !TryLexName() && !TryLexString() && !TryLexOperator())
            {
                throw Error($"unexpected char {PyRepr.QuoteChar(c)} at {_pos}", _pos);
            }
        }
    }

    private bool TryLexTagEnd(bool isBlock)
    {
        var start = _pos;
        int end;
        if (isBlock)
        {
            end = MatchTagEnd(_pos, '%');
        }
        else if (string.CompareOrdinal(_source, _pos, "-}}", 0, 3) == 0)
        {
            end = SkipSpace(_pos + 3);
        }
        else
        {
            end = string.CompareOrdinal(_source, _pos, "}}", 0, 2) == 0 ? _pos + 2 : -1;
        }

        if (end < 0)
        {
            return false;
        }

        Emit(isBlock ? TokenKind.BlockEnd : TokenKind.VariableEnd, _source[start..end], null, start);
        _pos = end;
        _lineStarting = _source[end - 1] == '\n';
        return true;
    }

    private int SkipSpace(int p)
    {
        while (p < _source.Length && PyUnicode.IsSpace(_source[p]))
        {
            p++;
        }

        return p;
    }

    private char At(int index) => index >= 0 && index < _source.Length ? _source[index] : '\0';

    private static bool IsDigit(char c) => char.IsAsciiDigit(c);

    private void Emit(TokenKind kind, string text, object? value, int position)
    {
        var (line, column) = _map.Locate(position);
        _tokens.Add(new Token(kind, text, value, line, column));
    }

    private TemplateSyntaxException Error(string message, int position)
    {
        var (line, column) = _map.Locate(position);
        return new TemplateSyntaxException(message, line, column);
    }
}
