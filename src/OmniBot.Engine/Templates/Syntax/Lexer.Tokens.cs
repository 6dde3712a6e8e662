using System.Globalization;
using OmniBot.Engine.Templates.Values;

namespace OmniBot.Engine.Templates.Syntax;

/// <summary>The tokens inside <c>{{ }}</c> and <c>{% %}</c>: numbers, names, strings and operators (Jinja's regex rules).</summary>
internal sealed partial class Lexer
{
    private bool TryLexNumber()
    {
        var start = _pos;
        if (!IsDigit(At(start)))
        {
            return false;
        }

        var floatEnd = MatchFloat(start);
        if (floatEnd > start)
        {
            var text = _source[start..floatEnd];
            var value = double.Parse(text.Replace("_", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
            Emit(TokenKind.Float, text, value, start);
            _pos = floatEnd;
            return true;
        }

        var (intEnd, radix, digitsStart) = MatchInteger(start);
        var literal = _source[start..intEnd];
        Emit(TokenKind.Integer, literal, IntegerLiteral.Parse(_source[digitsStart..intEnd].Replace("_", string.Empty, StringComparison.Ordinal), radix), start);
        _pos = intEnd;
        return true;
    }

    /// <summary>Jinja's float rule: digits with an exponent (optionally a fraction) or digits with a fraction; never right after a dot.</summary>
    private int MatchFloat(int start)
    {
        if (start > 0 && _source[start - 1] == '.')
        {
            return -1;
        }

        var integerEnd = MatchDigits(start);
        var afterFraction = At(integerEnd) == '.' ? MatchDigits(integerEnd + 1) : -1;
        if (afterFraction <= integerEnd + 1)
        {
            afterFraction = -1;
        }

        var exponentEnd = MatchExponent(afterFraction > 0 ? afterFraction : integerEnd);
        if (exponentEnd > 0)
        {
            return exponentEnd;
        }

        if (afterFraction > 0)
        {
            return afterFraction;
        }

        return -1;
    }

    private int MatchExponent(int p)
    {
        if (At(p) is not ('e' or 'E'))
        {
            return -1;
        }

        p++;
        if (At(p) is '+' or '-')
        {
            p++;
        }

        var end = MatchDigits(p);
        return end > p ? end : -1;
    }

    /// <summary>Matches <c>(\d+_)*\d+</c>; returns <paramref name="p"/> when there is no digit.</summary>
    private int MatchDigits(int p)
    {
        if (!IsDigit(At(p)))
        {
            return p;
        }

        while (true)
        {
            while (IsDigit(At(p)))
            {
                p++;
            }

            if (At(p) == '_' && IsDigit(At(p + 1)))
            {
                p++;
                continue;
            }

            return p;
        }
    }

    private (int End, int Radix, int DigitsStart) MatchInteger(int start)
    {
        if (At(start) == '0')
        {
            var prefix = char.ToLowerInvariant(At(start + 1));
            var radix = prefix switch { 'b' => 2, 'o' => 8, 'x' => 16, _ => 0 };
            if (radix != 0)
            {
                var p = start + 2;
                var end = p;
                while (true)
                {
                    var q = At(p) == '_' ? p + 1 : p;
                    if (!IsRadixDigit(At(q), radix))
                    {
                        break;
                    }

                    p = q + 1;
                    end = p;
                }

                if (end > start + 2)
                {
                    return (end, radix, start + 2);
                }
            }

            var zeroEnd = start + 1;
            while (true)
            {
                var q = At(zeroEnd) == '_' ? zeroEnd + 1 : zeroEnd;
                if (At(q) != '0')
                {
                    break;
                }

                zeroEnd = q + 1;
            }

            return (zeroEnd, 10, start);
        }

        var decimalEnd = start + 1;
        while (true)
        {
            var q = At(decimalEnd) == '_' ? decimalEnd + 1 : decimalEnd;
            if (!IsDigit(At(q)))
            {
                break;
            }

            decimalEnd = q + 1;
        }

        return (decimalEnd, 10, start);
    }

    private static bool IsRadixDigit(char c, int radix) => radix switch
    {
        2 => c is '0' or '1',
        8 => c is >= '0' and <= '7',
        _ => char.IsAsciiHexDigit(c),
    };

    private bool TryLexName()
    {
        var c = At(_pos);
        if (!(c == '_' || char.IsLetter(c)))
        {
            return false;
        }

        var end = _pos + 1;
        while (end < _source.Length && IsNameContinue(_source[end]))
        {
            end++;
        }

        var name = _source[_pos..end];
        Emit(TokenKind.Name, name, name, _pos);
        _pos = end;
        return true;
    }

    private static bool IsNameContinue(char c) => c == '_' || char.IsLetterOrDigit(c)
        || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark
            or System.Globalization.UnicodeCategory.ConnectorPunctuation;

    private bool TryLexString()
    {
        var quote = At(_pos);
        if (quote is not ('\'' or '"'))
        {
            return false;
        }

        var p = _pos + 1;
        while (p < _source.Length && _source[p] != quote)
        {
            p += _source[p] == '\\' && p + 1 < _source.Length ? 2 : 1;
        }

        if (p >= _source.Length)
        {
            return false;
        }

        var raw = _source[(_pos + 1)..p];
        string value;
        try
        {
            value = StringLiteralDecoder.Decode(raw);
        }
        catch (FormatException ex)
        {
            throw Error(ex.Message, _pos);
        }

        Emit(TokenKind.String, _source[_pos..(p + 1)], value, _pos);
        _pos = p + 1;
        return true;
    }

    private bool TryLexOperator()
    {
        var c = At(_pos);
        var next = At(_pos + 1);
        (TokenKind Kind, int Length)? op = (c, next) switch
        {
            ('/', '/') => (TokenKind.FloorDiv, 2),
            ('*', '*') => (TokenKind.Pow, 2),
            ('=', '=') => (TokenKind.Eq, 2),
            ('!', '=') => (TokenKind.Ne, 2),
            ('>', '=') => (TokenKind.GtEq, 2),
            ('<', '=') => (TokenKind.LtEq, 2),
            ('+', _) => (TokenKind.Add, 1),
            ('-', _) => (TokenKind.Sub, 1),
            ('/', _) => (TokenKind.Div, 1),
            ('*', _) => (TokenKind.Mul, 1),
            ('%', _) => (TokenKind.Mod, 1),
            ('~', _) => (TokenKind.Tilde, 1),
            ('[', _) => (TokenKind.LBracket, 1),
            (']', _) => (TokenKind.RBracket, 1),
            ('(', _) => (TokenKind.LParen, 1),
            (')', _) => (TokenKind.RParen, 1),
            ('{', _) => (TokenKind.LBrace, 1),
            ('}', _) => (TokenKind.RBrace, 1),
            ('>', _) => (TokenKind.Gt, 1),
            ('<', _) => (TokenKind.Lt, 1),
            ('=', _) => (TokenKind.Assign, 1),
            ('.', _) => (TokenKind.Dot, 1),
            (':', _) => (TokenKind.Colon, 1),
            ('|', _) => (TokenKind.Pipe, 1),
            (',', _) => (TokenKind.Comma, 1),
            (';', _) => (TokenKind.Semicolon, 1),
            _ => null,
        };
        if (op is not { } found)
        {
            return false;
        }

        switch (c)
        {
            case '(':
                _brackets.Push(')');
                break;
            case '[':
                _brackets.Push(']');
                break;
            case '{':
                _brackets.Push('}');
                break;
            case ')' or ']' or '}':
                if (_brackets.Count == 0)
                {
                    throw Error($"unexpected '{c}'", _pos);
                }

                var expected = _brackets.Pop();
                if (expected != c)
                {
                    throw Error($"unexpected '{c}', expected '{expected}'", _pos);
                }

                break;
        }

        Emit(found.Kind, _source.Substring(_pos, found.Length), null, _pos);
        _pos += found.Length;
        return true;
    }
}
