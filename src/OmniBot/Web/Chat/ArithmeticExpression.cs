using System.Globalization;

namespace OmniBot.Web.Chat;

/// <summary>
/// Evaluates arithmetic for the calculator tool: numbers, + - * / % ^, parentheses and sqrt(...). Nothing else is
/// accepted, so a model cannot make the tool do anything but arithmetic.
/// </summary>
public sealed class ArithmeticExpression
{
    private const int MaxLength = 500;
    private const int MaxDepth = 64;

    private readonly string _text;
    private int _position;
    private int _depth;

    private ArithmeticExpression(string text) => _text = text;

    /// <exception cref="FormatException">The text is not arithmetic this evaluator understands; the message says where.</exception>
    public static double Evaluate(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length > MaxLength)
        {
            throw new FormatException($"The expression is longer than {MaxLength} characters.");
        }

        var parser = new ArithmeticExpression(expression);
        var value = parser.Sum();
        parser.SkipSpaces();
        if (parser._position < expression.Length)
        {
            throw new FormatException($"Unexpected '{expression[parser._position]}' at position {parser._position + 1}.");
        }

        return value;
    }

    private double Sum()
    {
        var value = Product();
        while (TryTake('+', '-') is { } op)
        {
            var right = Product();
            value = op == '+' ? value + right : value - right;
        }

        return value;
    }

    private double Product()
    {
        var value = Power();
        while (TryTake('*', '/', '%') is { } op)
        {
            var right = Power();
            value = op switch
            {
                '*' => value * right,
                '/' => right == 0 ? throw new FormatException("Division by zero.") : value / right,
                _ => right == 0 ? throw new FormatException("Division by zero.") : value % right,
            };
        }

        return value;
    }

    private double Power()
    {
        var value = Unary();
        // Right-associative: 2^3^2 is 2^9.
        return TryTake('^') is not null ? Math.Pow(value, Power()) : value;
    }

    private double Unary()
    {
        if (TryTake('-', '+') is { } sign)
        {
            var operand = Unary();
            return sign == '-' ? -operand : operand;
        }

        return Primary();
    }

    private double Primary()
    {
        if (++_depth > MaxDepth)
        {
            throw new FormatException("The expression is nested too deeply.");
        }

        try
        {
            SkipSpaces();
            if (TryTake('(') is not null)
            {
                var inner = Sum();
                Expect(')');
                return inner;
            }

            if (string.CompareOrdinal(_text, _position, "sqrt", 0, 4) == 0)
            {
                _position += 4;
                Expect('(');
                var argument = Sum();
                Expect(')');
                return argument < 0 ? throw new FormatException("sqrt of a negative number.") : Math.Sqrt(argument);
            }

            return Number();
        }
        finally
        {
            _depth--;
        }
    }

    private double Number()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }

        if (_position < _text.Length && _position > start && _text[_position] is 'e' or 'E')
        {
            _position++;
            if (_position < _text.Length && _text[_position] is '+' or '-')
            {
                _position++;
            }

            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }
        }

        if (_position == start)
        {
            throw new FormatException(_position < _text.Length
                ? $"Expected a number at position {_position + 1}, found '{_text[_position]}'."
                : "The expression ends where a number was expected.");
        }

        return double.Parse(_text.AsSpan(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private void Expect(char expected)
    {
        if (TryTake(expected) is null)
        {
            throw new FormatException($"Expected '{expected}' at position {_position + 1}.");
        }
    }

    private char? TryTake(params ReadOnlySpan<char> options)
    {
        SkipSpaces();
        if (_position < _text.Length && options.Contains(_text[_position]))
        {
            return _text[_position++];
        }

        return null;
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }
}
