using System.Globalization;
using System.Text;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Reads GBNF with the same rules as llama.cpp's grammar parser (where newlines may appear, which
/// escapes exist, what a repetition applies to), so text it accepts is text llama.cpp accepts.
/// Where llama.cpp silently does something surprising (an empty character class, a rule defined
/// twice) this parser refuses instead.
/// </summary>
internal sealed partial class GbnfParser
{
    /// <summary>llama.cpp refuses counts of 2000 and more ("number of repetitions exceeds sane defaults").</summary>
    internal const int MaxRepetitionCount = 1999;

    private readonly string _text;
    private readonly GrammarLimits _limits;
    private readonly List<GbnfRule> _rules = [];
    private readonly HashSet<string> _ruleNames = new(StringComparer.Ordinal);
    private readonly List<(string Name, int Position)> _references = [];
    private readonly List<int> _lineStarts = [0];
    private int _pos;
    private int _depth;

    private GbnfParser(string text, GrammarLimits limits)
    {
        _text = text;
        _limits = limits;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>
    /// Parses by recursive descent, one level per group, at most <see cref="GrammarLimits.MaxGrammarDepth"/>
    /// deep (repetitions counted too), so every later walk over a rule stays that shallow.
    /// </summary>
    internal static GbnfParser Parse(string text, GrammarLimits limits)
    {
        if (text.Length > limits.MaxGrammarLength)
        {
            throw new GbnfParseException(
                $"the grammar is {text.Length} characters long, above the limit of {limits.MaxGrammarLength} (GrammarLimits.MaxGrammarLength); shorten it", 1, 1);
        }

        var parser = new GbnfParser(text, limits);
        parser.ParseGrammar();
        return parser;
    }

    internal IReadOnlyList<GbnfRule> Rules => _rules;

    /// <summary>Every rule reference with where it is, for the check that each is defined.</summary>
    internal IReadOnlyList<(string Name, int Position)> References => _references;

    /// <summary>Line and column (1-based) of a position: a binary search for the line, then a walk along it.</summary>
    internal (int Line, int Column) LineAndColumn(int position)
    {
        position = Math.Min(position, _text.Length);
        var index = _lineStarts.BinarySearch(position);
        var line = index >= 0 ? index : ~index - 1;
        var column = 1;
        for (var i = _lineStarts[line]; i < position; i++)
        {
            if (_text[i] != '\r' && !char.IsLowSurrogate(_text[i]))
            {
                column++;
            }
        }

        return (line + 1, column);
    }

    private GbnfParseException Error(string problem, int position)
    {
        var (line, column) = LineAndColumn(position);
        return new GbnfParseException(problem, line, column);
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    private void ParseGrammar()
    {
        var nul = _text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            throw Error("the grammar contains a NUL character; llama.cpp would stop reading there", nul);
        }

        SkipSpace(newlineAllowed: true);
        if (AtEnd)
        {
            throw Error("the grammar is empty; define at least a 'root ::= ...' rule", 0);
        }

        while (!AtEnd)
        {
            ParseRule();
        }
    }

    private void ParseRule()
    {
        var nameStart = _pos;
        var name = ParseName();
        if (name.Length == 0)
        {
            throw Error($"expected a rule name (letters, digits and '-'), found {Describe(_pos)}", _pos);
        }

        SkipSpace(newlineAllowed: false);
        if (string.CompareOrdinal(_text, _pos, "::=", 0, 3) != 0)
        {
            throw Error($"expected '::=' after rule name '{name}', found {Describe(_pos)}", _pos);
        }

        _pos += 3;
        SkipSpace(newlineAllowed: true);
        var body = ParseAlternatives(nested: false);
        if (Current == '\r')
        {
            _pos += _pos + 1 < _text.Length && _text[_pos + 1] == '\n' ? 2 : 1;
        }
        else if (Current == '\n')
        {
            _pos++;
        }
        else if (!AtEnd)
        {
            throw Error($"expected the end of rule '{name}' (a newline), found {Describe(_pos)}", _pos);
        }

        var (line, column) = LineAndColumn(nameStart);
        if (!_ruleNames.Add(name))
        {
            throw Error($"rule '{name}' is defined more than once", nameStart);
        }

        if (_rules.Count >= _limits.MaxGrammarRules)
        {
            throw Error($"the grammar has more than {_limits.MaxGrammarRules} rules (GrammarLimits.MaxGrammarRules); merge rules", nameStart);
        }

        _rules.Add(new GbnfRule(name, body, line, column));
        SkipSpace(newlineAllowed: true);
    }

    private GbnfExpression ParseAlternatives(bool nested)
    {
        var options = new List<GbnfExpression> { ParseSequence(nested) };
        while (Current == '|')
        {
            _pos++;
            SkipSpace(newlineAllowed: true);
            options.Add(ParseSequence(nested));
        }

        return options.Count == 1 ? options[0] : new GbnfAlternatives(options);
    }

    private GbnfSequence ParseSequence(bool nested)
    {
        var items = new List<GbnfExpression>();
        // Like llama.cpp, an empty literal leaves nothing for a following quantifier to repeat.
        var lastIsRepeatable = false;
        while (!AtEnd)
        {
            var start = _pos;
            var c = Current;
            if (c == '"')
            {
                _pos++;
                var literal = new StringBuilder();
                while (Current != '"')
                {
                    if (AtEnd)
                    {
                        throw Error("unterminated string literal: add the closing '\"'", start);
                    }

                    literal.Append(char.ConvertFromUtf32(ParseChar()));
                }

                _pos++;
                items.Add(new GbnfLiteral(literal.ToString()));
                lastIsRepeatable = literal.Length > 0;
                SkipSpace(nested);
            }
            else if (c == '[')
            {
                items.Add(ParseCharacterClass());
                lastIsRepeatable = true;
                SkipSpace(nested);
            }
            else if (IsWordChar(c))
            {
                var name = ParseName();
                _references.Add((name, start));
                items.Add(new GbnfRuleReference(name));
                lastIsRepeatable = true;
                SkipSpace(nested);
            }
            else if (c == '(')
            {
                if (++_depth > _limits.MaxGrammarDepth)
                {
                    throw Error($"the grammar nests deeper than {_limits.MaxGrammarDepth} groups here (GrammarLimits.MaxGrammarDepth); move inner groups into rules of their own", start);
                }

                _pos++;
                SkipSpace(newlineAllowed: true);
                var group = ParseAlternatives(nested: true);
                if (Current != ')')
                {
                    throw Error($"expected ')' to close the group opened at {Where(start)}, found {Describe(_pos)}", _pos);
                }

                _pos++;
                _depth--;
                items.Add(group);
                lastIsRepeatable = true;
                SkipSpace(nested);
            }
            else if (c == '.')
            {
                _pos++;
                items.Add(new GbnfAnyCharacter());
                lastIsRepeatable = true;
                SkipSpace(nested);
            }
            else if (c is '*' or '+' or '?' or '{')
            {
                if (!lastIsRepeatable)
                {
                    throw Error($"'{c}' has nothing before it to repeat", start);
                }

                var (min, max) = c == '{' ? ParseBraces(nested) : ParseOperator(c, nested);
                items[^1] = new GbnfRepetition(items[^1], min, max);
            }
            else if (c == '<')
            {
                throw Error("token references like <...> are not supported; write the text as a \"literal\"", start);
            }
            else
            {
                break;
            }
        }

        return new GbnfSequence(items);
    }

    private (int Min, int? Max) ParseOperator(char op, bool nested)
    {
        _pos++;
        SkipSpace(nested);
        return op switch
        {
            '*' => (0, null),
            '+' => (1, null),
            _ => (0, 1),
        };
    }

    private (int Min, int? Max) ParseBraces(bool nested)
    {
        var open = _pos;
        _pos++;
        SkipSpace(nested);
        var min = ParseCount();
        SkipSpace(nested);
        int? max;
        if (Current == '}')
        {
            max = min;
        }
        else if (Current == ',')
        {
            _pos++;
            SkipSpace(nested);
            max = char.IsAsciiDigit(Current) ? ParseCount() : null;
            SkipSpace(nested);
            if (Current != '}')
            {
                throw Error($"expected '}}' to close the repetition opened at {Where(open)}, found {Describe(_pos)}", _pos);
            }
        }
        else
        {
            throw Error($"expected ',' or '}}' in the repetition, found {Describe(_pos)}", _pos);
        }

        _pos++;
        SkipSpace(nested);
        if (max < min)
        {
            throw Error($"repetition {{{min},{max}}} has a maximum below its minimum", open);
        }

        return (min, max);
    }

    private int ParseCount()
    {
        var start = _pos;
        while (char.IsAsciiDigit(Current))
        {
            _pos++;
        }

        if (start == _pos)
        {
            throw Error($"expected a number, found {Describe(start)}", start);
        }

        if (!int.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count > MaxRepetitionCount)
        {
            throw Error($"repetition count of {MaxRepetitionCount + 1} or more, which llama.cpp refuses; nest repetitions instead", start);
        }

        return count;
    }

    private string ParseName()
    {
        var start = _pos;
        while (IsWordChar(Current))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private void SkipSpace(bool newlineAllowed)
    {
        while (!AtEnd)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' || (newlineAllowed && c is '\r' or '\n'))
            {
                _pos++;
            }
            else if (c == '#')
            {
                while (!AtEnd && _text[_pos] is not '\r' and not '\n')
                {
                    _pos++;
                }
            }
            else
            {
                break;
            }
        }
    }

    internal static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    private string Where(int position)
    {
        var (line, column) = LineAndColumn(position);
        return $"line {line}, column {column}";
    }

    private string Describe(int position) =>
        position >= _text.Length ? "the end of the grammar"
        : _text[position] is '\n' or '\r' ? "the end of the line"
        : $"'{_text[position]}'";
}
