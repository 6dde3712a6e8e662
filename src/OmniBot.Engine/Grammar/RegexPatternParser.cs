using System.Globalization;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Parses the regular-expression subset that a grammar can express exactly. JSON Schema patterns
/// are ECMA-262, but validators on .NET run them with .NET's engine, where <c>\d</c>, <c>\w</c>,
/// <c>\s</c> and <c>.</c> mean slightly different things; every class here is read as the part
/// both engines agree on, so anything the grammar produces matches under either.
/// </summary>
internal sealed partial class RegexPatternParser
{
    private static readonly CodePointSet Bmp = CodePointSet.Range(0, 0xFFFF).Except(CodePointSet.Surrogates);
    private static readonly CodePointSet AsciiDigits = CodePointSet.Range('0', '9');
    private static readonly CodePointSet AsciiWord = CodePointSet.FromRanges([('0', '9'), ('A', 'Z'), ('a', 'z'), ('_', '_')]);
    private static readonly CodePointSet SpaceBothAgree = CodePointSet.FromRanges(
        [('\t', '\r'), (' ', ' '), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000)]);
    private static readonly CodePointSet SpaceEither = SpaceBothAgree.Union(CodePointSet.Of(0x85, 0xFEFF));
    private static readonly CodePointSet LineTerminators = CodePointSet.Of('\n', '\r', 0x2028, 0x2029);

    private readonly string _pattern;
    private readonly string _path;
    private readonly GrammarLimits _limits;
    private int _pos;
    private int _depth;

    private RegexPatternParser(string pattern, string path, GrammarLimits limits)
    {
        _pattern = pattern;
        _path = path;
        _limits = limits;
    }

    /// <summary>
    /// Parses by recursive descent, one level per group, so groups nest at most
    /// <see cref="GrammarLimits.MaxPatternDepth"/> deep: every later walk over the tree stays that shallow.
    /// </summary>
    public static RegexNode Parse(string pattern, string path, GrammarLimits limits)
    {
        if (pattern.Length > limits.MaxPatternLength)
        {
            throw new GrammarConversionException(
                $"the pattern is {pattern.Length} characters long, above the limit of {limits.MaxPatternLength} (GrammarLimits.MaxPatternLength); shorten it",
                "pattern",
                path);
        }

        var parser = new RegexPatternParser(pattern, path, limits);
        var node = parser.ParseAlternation();
        if (parser._pos < pattern.Length)
        {
            throw parser.Error($"unbalanced ')' at position {parser._pos}");
        }

        return node;
    }

    private GrammarConversionException Error(string problem) => PatternError(_pattern, _path, problem);

    /// <summary>An error quoting the pattern, cut short so a huge pattern does not make a huge message.</summary>
    internal static GrammarConversionException PatternError(string pattern, string path, string problem)
    {
        const int Shown = 80;
        var quoted = pattern.Length <= Shown ? pattern : pattern[..Shown] + $"... ({pattern.Length} characters)";
        return new($"pattern \"{quoted}\": {problem}", "pattern", path);
    }

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

        if (!int.TryParse(_pattern.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > _limits.MaxPatternRepetition)
        {
            throw Error($"repetition count at position {start} is above the limit of {_limits.MaxPatternRepetition} (GrammarLimits.MaxPatternRepetition); use a smaller count or an unbounded quantifier such as + or *");
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
        if (++_depth > _limits.MaxPatternDepth)
        {
            throw Error($"pattern nests deeper than {_limits.MaxPatternDepth} groups at offset {open} (GrammarLimits.MaxPatternDepth); flatten the groups");
        }

        _pos++;
        if (!AtEnd && Current == '?')
        {
            // A few characters are enough to tell the group syntax; copying the whole rest per group would be quadratic.
            var rest = _pattern.Substring(_pos, Math.Min(4, _pattern.Length - _pos));
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
        _depth--;
        return inner;
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
