using System.Globalization;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Parses the regular-expression subset that a grammar can express exactly. JSON Schema patterns
/// are ECMA-262, but validators on .NET run them with .NET's engine, where <c>\d</c>, <c>\w</c>,
/// <c>\s</c> and <c>.</c> mean slightly different things; every class here is read as the part
/// both engines agree on, so anything the grammar produces matches under either.
/// </summary>
internal sealed class RegexPatternParser
{
    private const int MaxCount = 100_000;

    private static readonly CodePointSet Bmp = CodePointSet.Range(0, 0xFFFF).Except(CodePointSet.Surrogates);
    private static readonly CodePointSet AsciiDigits = CodePointSet.Range('0', '9');
    private static readonly CodePointSet AsciiWord = CodePointSet.FromRanges([('0', '9'), ('A', 'Z'), ('a', 'z'), ('_', '_')]);
    private static readonly CodePointSet SpaceBothAgree = CodePointSet.FromRanges(
        [('\t', '\r'), (' ', ' '), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000)]);
    private static readonly CodePointSet SpaceEither = SpaceBothAgree.Union(CodePointSet.Of(0x85, 0xFEFF));
    private static readonly CodePointSet LineTerminators = CodePointSet.Of('\n', '\r', 0x2028, 0x2029);

    private readonly string _pattern;
    private readonly string _path;
    private int _pos;

    private RegexPatternParser(string pattern, string path)
    {
        _pattern = pattern;
        _path = path;
    }

    public static RegexNode Parse(string pattern, string path)
    {
        var parser = new RegexPatternParser(pattern, path);
        var node = parser.ParseAlternation();
        if (parser._pos < pattern.Length)
        {
            throw parser.Error($"unbalanced ')' at position {parser._pos}");
        }

        return node;
    }

    private GrammarConversionException Error(string problem) =>
        new($"pattern \"{_pattern}\": {problem}", "pattern", _path);

    private bool AtEnd => _pos >= _pattern.Length;

    private char Current => _pattern[_pos];

    private RegexNode ParseAlternation()
    {
        var options = new List<RegexNode> { ParseSequence() };
        while (!AtEnd && Current == '|')
        {
            _pos++;
            options.Add(ParseSequence());
        }

        return options.Count == 1 ? options[0] : new RegexAlternation(options);
    }

    private RegexSequence ParseSequence()
    {
        var items = new List<RegexNode>();
        while (!AtEnd && Current is not '|' and not ')')
        {
            var atomStart = _pos;
            var atom = ParseAtom();
            var quantified = ParseQuantifier(atom, atomStart);
            items.Add(quantified);
        }

        return new RegexSequence(items);
    }

    private RegexNode ParseQuantifier(RegexNode atom, int atomStart)
    {
        if (AtEnd)
        {
            return atom;
        }

        int min;
        int? max;
        var c = Current;
        if (c is '*' or '+' or '?')
        {
            _pos++;
            (min, max) = c switch { '*' => (0, (int?)null), '+' => (1, null), _ => (0, 1) };
        }
        else if (c == '{' && TryParseBraces(out min, out max))
        {
        }
        else
        {
            return atom;
        }

        if (!AtEnd && Current == '?')
        {
            // Lazy and greedy quantifiers accept the same strings.
            _pos++;
        }

        if (atom is RegexAnchor)
        {
            throw Error($"an anchor cannot be repeated (position {atomStart})");
        }

        if (atom is RegexCharacters { Set.IsSingle: true } single && single.Set.First > 0xFFFF)
        {
            throw Error("a quantifier directly after a character outside the BMP repeats only half of it in .NET; wrap it in (?:...)");
        }

        if (!AtEnd && Current is '*' or '+' or '?' || (!AtEnd && Current == '{' && LooksLikeBraces()))
        {
            throw Error($"nothing to repeat at position {_pos}");
        }

        return new RegexRepeat(atom, min, max);
    }

    private bool LooksLikeBraces()
    {
        var saved = _pos;
        var ok = TryParseBraces(out _, out _);
        _pos = saved;
        return ok;
    }

    private bool TryParseBraces(out int min, out int? max)
    {
        var saved = _pos;
        min = 0;
        max = null;
        _pos++;
        if (!TryParseCount(out min))
        {
            _pos = saved;
            return false;
        }

        if (!AtEnd && Current == '}')
        {
            _pos++;
            max = min;
            return true;
        }

        if (AtEnd || Current != ',')
        {
            _pos = saved;
            return false;
        }

        _pos++;
        if (!AtEnd && Current == '}')
        {
            _pos++;
            return true;
        }

        if (!TryParseCount(out var upper) || AtEnd || Current != '}')
        {
            _pos = saved;
            return false;
        }

        _pos++;
        if (upper < min)
        {
            throw Error($"quantifier {{{min},{upper}}} has its numbers in the wrong order");
        }

        max = upper;
        return true;
    }

    private bool TryParseCount(out int count)
    {
        var start = _pos;
        while (!AtEnd && char.IsAsciiDigit(Current))
        {
            _pos++;
        }

        if (start == _pos)
        {
            count = 0;
            return false;
        }

        if (!int.TryParse(_pattern.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > MaxCount)
        {
            throw Error($"repetition count above {MaxCount}");
        }

        return true;
    }

    private RegexNode ParseAtom()
    {
        var c = Current;
        switch (c)
        {
            case '^':
                _pos++;
                return new RegexAnchor(AtStart: true);
            case '$':
                _pos++;
                return new RegexAnchor(AtStart: false);
            case '.':
                _pos++;
                return new RegexCharacters(Bmp.Except(LineTerminators));
            case '(':
                return ParseGroup();
            case '[':
                return ParseClass();
            case '\\':
                var (safe, _) = ParseEscape(inClass: false);
                return new RegexCharacters(safe.IsSingle ? safe : safe.Intersect(Bmp));
            case '*' or '+' or '?':
                throw Error($"nothing to repeat at position {_pos}");
            case '{' when LooksLikeBraces():
                throw Error($"nothing to repeat at position {_pos}");
            default:
                return new RegexCharacters(CodePointSet.Single(ReadLiteralCodePoint()));
        }
    }

    private RegexNode ParseGroup()
    {
        var open = _pos;
        _pos++;
        if (!AtEnd && Current == '?')
        {
            var rest = _pattern[_pos..];
            if (rest.StartsWith("?:", StringComparison.Ordinal))
            {
                _pos += 2;
            }
            else if (rest.StartsWith("?<", StringComparison.Ordinal) && !rest.StartsWith("?<=", StringComparison.Ordinal) && !rest.StartsWith("?<!", StringComparison.Ordinal))
            {
                var close = _pattern.IndexOf('>', _pos);
                if (close < 0)
                {
                    throw Error($"unterminated group name at position {open}");
                }

                _pos = close + 1;
            }
            else if (rest.StartsWith("?=", StringComparison.Ordinal) || rest.StartsWith("?!", StringComparison.Ordinal)
                || rest.StartsWith("?<", StringComparison.Ordinal))
            {
                throw Error("lookahead and lookbehind cannot be expressed as a grammar; describe the allowed text directly");
            }
            else
            {
                throw Error($"group syntax '({rest[..Math.Min(3, rest.Length)]}' at position {open} is not supported (inline flags or modifiers)");
            }
        }

        var inner = ParseAlternation();
        if (AtEnd || Current != ')')
        {
            throw Error($"unterminated group opened at position {open}");
        }

        _pos++;
        return inner;
    }

    private RegexCharacters ParseClass()
    {
        var open = _pos;
        _pos++;
        var negated = false;
        if (!AtEnd && Current == '^')
        {
            negated = true;
            _pos++;
        }

        if (!AtEnd && Current == ']')
        {
            throw Error($"a class starting with ']' (position {open}) means different things in ECMAScript and .NET; escape it as \\]");
        }

        var safe = CodePointSet.Empty;
        var widest = CodePointSet.Empty;
        while (true)
        {
            if (AtEnd)
            {
                throw Error($"unterminated character class opened at position {open}");
            }

            if (Current == ']')
            {
                _pos++;
                break;
            }

            if (Current == '-' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] == '[')
            {
                throw Error("'-[' inside a class is subtraction in .NET but literal in ECMAScript; escape the '-'");
            }

            var (itemSafe, itemWidest, single) = ParseClassAtom();
            if (single is int from && !AtEnd && Current == '-' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] != ']')
            {
                _pos++;
                var (_, _, upper) = ParseClassAtom();
                if (upper is not int to)
                {
                    throw Error("a range cannot end with a class escape such as \\d; escape the '-'");
                }

                if (to < from)
                {
                    throw Error($"class range {char.ConvertFromUtf32(from)}-{char.ConvertFromUtf32(to)} is reversed");
                }

                itemSafe = itemWidest = CodePointSet.Range(from, to);
            }

            safe = safe.Union(itemSafe);
            widest = widest.Union(itemWidest);
        }

        var set = negated ? Bmp.Except(widest) : safe.Intersect(Bmp);
        return new RegexCharacters(set);
    }

    private (CodePointSet Safe, CodePointSet Widest, int? Single) ParseClassAtom()
    {
        if (Current == '\\')
        {
            var (safe, widest) = ParseEscape(inClass: true);
            return (safe, widest, safe.IsSingle && widest.IsSingle ? safe.First : null);
        }

        var cp = ReadLiteralCodePoint();
        if (cp > 0xFFFF)
        {
            throw Error("characters outside the BMP inside a class match only half a character in .NET; use an alternation instead");
        }

        var set = CodePointSet.Single(cp);
        return (set, set, cp);
    }

    private (CodePointSet Safe, CodePointSet Widest) ParseEscape(bool inClass)
    {
        var start = _pos;
        _pos++;
        if (AtEnd)
        {
            throw Error("the pattern ends with a lone '\\'");
        }

        var c = Current;
        _pos++;
        switch (c)
        {
            case 'd': return (AsciiDigits, CodePointSet.UnicodeDigits);
            case 'D': return (CodePointSet.UnicodeDigits.Complement(), AsciiDigits.Complement());
            case 'w': return (AsciiWord, CodePointSet.DotNetWord.Union(AsciiWord));
            case 'W': return (CodePointSet.DotNetWord.Union(AsciiWord).Complement(), AsciiWord.Complement());
            case 's': return (SpaceBothAgree, SpaceEither);
            case 'S': return (SpaceEither.Complement(), SpaceBothAgree.Complement());
            case 't': return Same('\t');
            case 'n': return Same('\n');
            case 'r': return Same('\r');
            case 'v': return Same('\v');
            case 'f': return Same('\f');
            case 'b' when inClass: return Same('\b');
            case 'b' or 'B':
                throw Error("word boundaries (\\b, \\B) cannot be expressed as a grammar");
            case '0' when AtEnd || !char.IsAsciiDigit(Current):
                return Same(0);
            case >= '0' and <= '9':
                throw Error("backreferences cannot be expressed as a grammar");
            case 'x':
                return Same(ReadHex(2, start));
            case 'u' when !AtEnd && Current == '{':
                throw Error("\\u{...} escapes need the 'u' flag, which .NET does not have; use \\uHHHH");
            case 'u':
                var unit = ReadHex(4, start);
                if (unit is >= 0xD800 and <= 0xDFFF)
                {
                    throw Error("surrogate escapes are not supported; write the character itself");
                }

                return Same(unit);
            case 'c' when !AtEnd && char.IsAsciiLetter(Current):
                var control = Current % 32;
                _pos++;
                return Same(control);
            case 'p' or 'P':
                throw Error("Unicode property escapes (\\p{...}) are not supported; list the characters in a class");
            case 'k':
                throw Error("named backreferences cannot be expressed as a grammar");
            default:
                if (char.IsAsciiLetterOrDigit(c))
                {
                    throw Error($"unknown escape \\{c}");
                }

                _pos--;
                return Same(ReadLiteralCodePoint());
        }
    }

    private static (CodePointSet, CodePointSet) Same(int codePoint)
    {
        var set = CodePointSet.Single(codePoint);
        return (set, set);
    }

    private int ReadHex(int digits, int escapeStart)
    {
        if (_pos + digits > _pattern.Length
            || !int.TryParse(_pattern.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"escape at position {escapeStart} needs {digits} hex digits");
        }

        _pos += digits;
        return value;
    }

    private int ReadLiteralCodePoint()
    {
        var c = Current;
        if (char.IsHighSurrogate(c) && _pos + 1 < _pattern.Length && char.IsLowSurrogate(_pattern[_pos + 1]))
        {
            _pos += 2;
            return char.ConvertToUtf32(c, _pattern[_pos - 1]);
        }

        if (char.IsSurrogate(c))
        {
            throw Error("the pattern contains an unpaired surrogate");
        }

        _pos++;
        return c;
    }
}
