using System.Globalization;

namespace OmniBot.Engine.Grammar;

/// <summary>An immutable set of Unicode code points kept as sorted, disjoint, non-adjacent ranges.</summary>
internal sealed class CodePointSet
{
    internal const int MaxCodePoint = 0x10FFFF;

    private static readonly Lazy<CodePointSet> LazyDotNetWord = new(() => FromPredicate(IsDotNetWordChar));
    private static readonly Lazy<CodePointSet> LazyUnicodeDigits =
        new(() => FromPredicate(cp => CharUnicodeInfo.GetUnicodeCategory(cp) == UnicodeCategory.DecimalDigitNumber));

    private static readonly Lazy<CodePointSet> LazyOwnGraphemes = new(() => FromPredicate(IsOwnGrapheme));

    private CodePointSet(IReadOnlyList<(int First, int Last)> ranges) => Ranges = ranges;

    public IReadOnlyList<(int First, int Last)> Ranges { get; }

    public static CodePointSet Empty { get; } = new([]);

    public static CodePointSet All { get; } = new([(0, MaxCodePoint)]);

    public static CodePointSet Surrogates { get; } = new([(0xD800, 0xDFFF)]);

    /// <summary>Every code point .NET's <c>\w</c> matches (letters, marks, digits, connectors).</summary>
    public static CodePointSet DotNetWord => LazyDotNetWord.Value;

    /// <summary>Every Unicode decimal digit (what .NET's <c>\d</c> matches).</summary>
    public static CodePointSet UnicodeDigits => LazyUnicodeDigits.Value;

    /// <summary>
    /// Code points that always form a grapheme cluster of their own, whatever surrounds them: no
    /// marks, format characters, Hangul jamo, prepend or spacing-mark letters, regional indicators,
    /// emoji modifiers or CR. A string of these has as many graphemes as code points.
    /// </summary>
    public static CodePointSet OwnGraphemes => LazyOwnGraphemes.Value;

    public bool IsEmpty => Ranges.Count == 0;

    public bool IsSingle => Ranges.Count == 1 && Ranges[0].First == Ranges[0].Last;

    public int First => Ranges[0].First;

    public static CodePointSet Single(int codePoint) => new([(codePoint, codePoint)]);

    public static CodePointSet Range(int first, int last) => FromRanges([(first, last)]);

    public static CodePointSet Of(params int[] codePoints) => FromRanges(codePoints.Select(c => (c, c)));

    public static CodePointSet FromRanges(IEnumerable<(int First, int Last)> ranges)
    {
        var sorted = ranges.Where(r => r.First <= r.Last).OrderBy(r => r.First).ToList();
        var merged = new List<(int First, int Last)>();
        foreach (var (first, last) in sorted)
        {
            if (merged.Count > 0 && first <= merged[^1].Last + 1)
            {
                merged[^1] = (merged[^1].First, Math.Max(merged[^1].Last, last));
            }
            else
            {
                merged.Add((first, last));
            }
        }

        return new CodePointSet(merged);
    }

    public bool Contains(int codePoint)
    {
        foreach (var (first, last) in Ranges)
        {
            if (codePoint < first)
            {
                return false;
            }

            if (codePoint <= last)
            {
                return true;
            }
        }

        return false;
    }

    public CodePointSet Union(CodePointSet other) => FromRanges(Ranges.Concat(other.Ranges));

    public CodePointSet Complement()
    {
        var result = new List<(int First, int Last)>();
        var next = 0;
        foreach (var (first, last) in Ranges)
        {
            if (first > next)
            {
                result.Add((next, first - 1));
            }

            next = last + 1;
        }

        if (next <= MaxCodePoint)
        {
            result.Add((next, MaxCodePoint));
        }

        return new CodePointSet(result);
    }

    public CodePointSet Intersect(CodePointSet other) => Complement().Union(other.Complement()).Complement();

    public CodePointSet Except(CodePointSet other) => Intersect(other.Complement());

    private static CodePointSet FromPredicate(Func<int, bool> predicate)
    {
        var ranges = new List<(int First, int Last)>();
        var start = -1;
        for (var cp = 0; cp <= MaxCodePoint + 1; cp++)
        {
            var inside = cp <= MaxCodePoint && (cp < 0xD800 || cp > 0xDFFF) && predicate(cp);
            if (inside && start < 0)
            {
                start = cp;
            }
            else if (!inside && start >= 0)
            {
                ranges.Add((start, cp - 1));
                start = -1;
            }
        }

        return new CodePointSet(ranges);
    }

    private static bool IsOwnGrapheme(int codePoint)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return false;
        }

        return codePoint switch
        {
            '\r' => false,
            >= 0x1100 and <= 0x11FF or >= 0xA960 and <= 0xA97F or >= 0xD7B0 and <= 0xD7FF => false,
            0x0E33 or 0x0EB3 or 0x0D4E or 0x111C2 or 0x111C3 or 0x1193F or 0x11941 or 0x11A3A or (>= 0x11A84 and <= 0x11A89) or 0x11D46 => false,
            >= 0x1F1E6 and <= 0x1F1FF or >= 0x1F3FB and <= 0x1F3FF => false,
            _ => true,
        };
    }

    private static bool IsDotNetWordChar(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
        _ => codePoint is 0x200C or 0x200D,
    };
}
