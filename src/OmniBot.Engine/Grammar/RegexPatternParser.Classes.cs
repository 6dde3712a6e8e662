using System.Globalization;

namespace OmniBot.Engine.Grammar;

/// <summary>Character classes and escapes, each read as the set both regex dialects agree on.</summary>
internal sealed partial class RegexPatternParser
{
    // Classes do not nest (a '[' inside one is a literal), so a class is read in one loop, without recursion.
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

        // Gathered and merged once at the end: merging per item would be quadratic in a long class.
        var safeRanges = new List<(int First, int Last)>();
        var widestRanges = new List<(int First, int Last)>();
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

            safeRanges.AddRange(itemSafe.Ranges);
            widestRanges.AddRange(itemWidest.Ranges);
        }

        var safe = CodePointSet.FromRanges(safeRanges);
        var widest = CodePointSet.FromRanges(widestRanges);

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
}
