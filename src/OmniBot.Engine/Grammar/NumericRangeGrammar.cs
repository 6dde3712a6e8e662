using System.Globalization;
using System.Numerics;
using System.Text;

namespace OmniBot.Engine.Grammar;

/// <summary>
/// Grammar for decimal numbers inside bounds, built digit by digit: while the digits written so far
/// equal a bound's leading digits the next digit is limited by that bound, and once they differ any
/// digits follow. Integers have at most 16 digits and fractions at most 16 digits, so every
/// output fits in a double and the grammar stays small; bounded numbers never use exponents.
/// </summary>
internal static class NumericRangeGrammar
{
    public const int MaxDigits = 16;

    public static BigInteger Cap { get; } = BigInteger.Pow(10, MaxDigits) - 1;

    private const string AnyFraction = "( \".\" [0-9]{1,16} )?";

    /// <summary>Integers in [min, max] (null: unbounded, limited to 16 digits); null when none fits.</summary>
    public static string? Integers(BigInteger? min, BigInteger? max)
    {
        var lo = BigInteger.Max(min ?? -Cap, -Cap);
        var hi = BigInteger.Min(max ?? Cap, Cap);
        if (lo > hi)
        {
            return null;
        }

        var options = new List<string>();
        if (lo < 0)
        {
            options.Add(GbnfText.Sequence("\"-\"", GbnfText.Atom(Magnitudes(BigInteger.Max(1, -hi), -lo))));
        }

        if (hi >= 0)
        {
            options.Add(Magnitudes(BigInteger.Max(lo, 0), hi));
        }

        return GbnfText.Alternatives(options);
    }

    /// <summary>Numbers between the bounds (null: unbounded, limited to 16 integer digits); null when none fits.</summary>
    public static string? Numbers(NumericBound? min, NumericBound? max)
    {
        if (min is { } l && max is { } h && (l.Value > h.Value || (l.Value == h.Value && (l.Exclusive || h.Exclusive))))
        {
            return null;
        }

        var options = new List<string>();
        if (min is null || min.Value.Value < 0)
        {
            // Negative values: magnitudes above zero (zero itself comes from the other side).
            var low = max is { Value: < 0 } upper ? new NumericBound(-upper.Value, upper.Exclusive) : new NumericBound(0, Exclusive: true);
            var high = min is { } lower ? new NumericBound(-lower.Value, lower.Exclusive) : (NumericBound?)null;
            if (Magnitudes(low, high) is { } negative)
            {
                options.Add(GbnfText.Sequence("\"-\"", GbnfText.Atom(negative)));
            }
        }

        if (max is null || max.Value.Value >= 0)
        {
            var low = min is { Value: >= 0 } lower ? lower : new NumericBound(0, Exclusive: false);
            if (Magnitudes(low, max) is { } positive)
            {
                options.Add(positive);
            }
        }

        return options.Count == 0 ? null : GbnfText.Alternatives(options);
    }

    private static string Magnitudes(BigInteger lo, BigInteger hi)
    {
        var loText = lo.ToString(CultureInfo.InvariantCulture);
        var hiText = hi.ToString(CultureInfo.InvariantCulture);
        if (loText.Length == hiText.Length)
        {
            return SameLength(loText, hiText);
        }

        // Lengths whose every value is in range share one "[1-9] [0-9]{m,n}".
        var lowIsFull = lo > 0 && loText.AsSpan(1).IndexOfAnyExcept('0') < 0 && loText[0] == '1';
        var highIsFull = hiText.AsSpan().IndexOfAnyExcept('9') < 0;
        var fullFrom = lowIsFull ? loText.Length : loText.Length + 1;
        var fullTo = highIsFull ? hiText.Length : hiText.Length - 1;
        var options = new List<string>();
        if (!lowIsFull)
        {
            options.Add(SameLength(loText, new string('9', loText.Length)));
        }

        if (fullFrom <= fullTo)
        {
            options.Add(GbnfText.Sequence("[1-9]", Digits(fullFrom - 1, fullTo - 1)));
        }

        if (!highIsFull)
        {
            options.Add(SameLength("1" + new string('0', hiText.Length - 1), hiText));
        }

        return GbnfText.Alternatives(options);
    }

    private static string SameLength(string lo, string hi) => DigitsBetween(lo, hi, 0, loTight: true, hiTight: true);

    private static string DigitsBetween(string lo, string hi, int i, bool loTight, bool hiTight)
    {
        var length = lo.Length;
        loTight = loTight && lo.AsSpan(i).ContainsAnyExcept('0');
        hiTight = hiTight && hi.AsSpan(i).ContainsAnyExcept('9');
        if (i == length)
        {
            return string.Empty;
        }

        if (!loTight && !hiTight)
        {
            return i == 0 && length > 1
                ? GbnfText.Sequence("[1-9]", Digits(length - 1, length - 1))
                : Digits(length - i, length - i);
        }

        if (i == length - 1)
        {
            var first = loTight ? lo[i] : (char)(i == 0 && length > 1 ? '1' : '0');
            return DigitClass(first, hiTight ? hi[i] : '9');
        }

        if (loTight && hiTight && lo[i] == hi[i])
        {
            var common = i;
            while (common < length - 1 && lo[common] == hi[common])
            {
                common++;
            }

            return GbnfText.Sequence("\"" + lo[i..common] + "\"", DigitsBetween(lo, hi, common, true, true));
        }

        // A limit whose remaining digits are all 0 (low) or all 9 (high) admits every continuation
        // of its own digit, which then joins the free middle range.
        var loBranch = loTight && lo.AsSpan(i + 1).ContainsAnyExcept('0');
        var hiBranch = hiTight && hi.AsSpan(i + 1).ContainsAnyExcept('9');
        var options = new List<string>();
        var from = loTight ? lo[i] : (char)(i == 0 && length > 1 ? '1' : '0');
        var to = hiTight ? hi[i] : '9';
        if (loBranch)
        {
            options.Add(GbnfText.Sequence(Digit(lo[i]), DigitsBetween(lo, hi, i + 1, true, false)));
            from++;
        }

        if (hiBranch)
        {
            to--;
        }

        if (from <= to)
        {
            options.Add(GbnfText.Sequence(DigitClass(from, to), Digits(length - i - 1, length - i - 1)));
        }

        if (hiBranch)
        {
            options.Add(GbnfText.Sequence(Digit(hi[i]), DigitsBetween(lo, hi, i + 1, false, true)));
        }

        return GbnfText.Alternatives(options);
    }

    /// <summary>Non-negative numbers from low up to high (null: unbounded).</summary>
    private static string? Magnitudes(NumericBound low, NumericBound? high)
    {
        var (lowInteger, lowFraction) = Split(low.Value);
        var options = new List<string>();
        if (high is { } h)
        {
            var (highInteger, highFraction) = Split(h.Value);
            if (lowInteger == highInteger)
            {
                return Fraction(lowFraction, low.Exclusive, highFraction, h.Exclusive) is { } only
                    ? GbnfText.Sequence(IntegerLiteral(lowInteger), only)
                    : null;
            }

            AddWithFraction(options, lowInteger, Fraction(lowFraction, low.Exclusive, null, false));
            if (highInteger - lowInteger >= 2)
            {
                options.Add(GbnfText.Sequence(GbnfText.Atom(Magnitudes(lowInteger + 1, highInteger - 1)), AnyFraction));
            }

            AddWithFraction(options, highInteger, Fraction(null, false, highFraction, h.Exclusive));
        }
        else
        {
            AddWithFraction(options, lowInteger, Fraction(lowFraction, low.Exclusive, null, false));
            if (lowInteger < Cap)
            {
                options.Add(GbnfText.Sequence(GbnfText.Atom(Magnitudes(lowInteger + 1, Cap)), AnyFraction));
            }
        }

        return options.Count == 0 ? null : GbnfText.Alternatives(options);
    }

    private static void AddWithFraction(List<string> options, BigInteger integer, string? fraction)
    {
        if (fraction is not null)
        {
            options.Add(GbnfText.Sequence(IntegerLiteral(integer), fraction));
        }
    }

    /// <summary>
    /// The optional ".digits" part whose value lies between 0.lo and 0.hi (null lo: no lower limit;
    /// null hi: anything below 1). Null when no fraction fits.
    /// </summary>
    private static string? Fraction(string? lo, bool loExclusive, string? hi, bool hiExclusive)
    {
        var bounds = new FractionBounds(lo ?? string.Empty, loExclusive && lo is not null, hi ?? string.Empty, hiExclusive);
        var loTight = lo is not null && (lo.Length > 0 || loExclusive);
        var hiTight = hi is not null;
        var options = new List<string>();
        if (bounds.CanStop(0, loTight, hiTight))
        {
            options.Add(string.Empty);
        }

        if (bounds.Digits(0, loTight, hiTight) is { } digits)
        {
            options.Add(GbnfText.Sequence("\".\"", digits));
        }

        return options.Count == 0 ? null : GbnfText.Alternatives(options);
    }

    private readonly record struct FractionBounds(string Lo, bool LoExclusive, string Hi, bool HiExclusive)
    {
        public bool CanStop(int i, bool loTight, bool hiTight) =>
            (!loTight || (i >= Lo.Length && !LoExclusive)) && (!hiTight || i < Hi.Length || !HiExclusive);

        /// <summary>At least one more digit at position i, then anything allowed after it.</summary>
        public string? Digits(int i, bool loTight, bool hiTight)
        {
            if (i >= MaxDigits)
            {
                return null;
            }

            if (!loTight && !hiTight)
            {
                return NumericRangeGrammar.Digits(1, MaxDigits - i);
            }

            var options = new List<string>();
            var groupStart = -1;
            (bool, bool) groupKey = default;
            for (var d = 0; d <= 10; d++)
            {
                var valid = d <= 9;
                var key = (false, false);
                if (valid)
                {
                    var low = i < Lo.Length ? Lo[i] - '0' : 0;
                    var high = i < Hi.Length ? Hi[i] - '0' : 0;
                    valid = (!loTight || d >= low) && (!hiTight || d <= high);
                    key = (loTight && d == low, hiTight && d == high);
                }

                if (groupStart >= 0 && (!valid || key != groupKey))
                {
                    if (After(i + 1, groupKey.Item1, groupKey.Item2) is { } rest)
                    {
                        options.Add(GbnfText.Sequence(DigitClass((char)('0' + groupStart), (char)('0' + d - 1)), rest));
                    }

                    groupStart = -1;
                }

                if (valid && groupStart < 0)
                {
                    groupStart = d;
                    groupKey = key;
                }
            }

            return options.Count == 0 ? null : GbnfText.Alternatives(options);
        }

        private string? After(int i, bool loTight, bool hiTight)
        {
            // Past an inclusive lower limit's last digit, any digits keep the value at or above it.
            loTight = loTight && (i < Lo.Length || LoExclusive);
            if (!loTight && !hiTight)
            {
                return NumericRangeGrammar.Digits(0, MaxDigits - i);
            }

            // Past the upper limit's last digit only zeros keep the value at (never above) it.
            if (!loTight && i >= Hi.Length)
            {
                return HiExclusive ? null : (MaxDigits - i == 1 ? "\"0\"?" : "\"0\"{0," + (MaxDigits - i).ToString(CultureInfo.InvariantCulture) + "}");
            }

            var options = new List<string>();
            if (CanStop(i, loTight, hiTight))
            {
                options.Add(string.Empty);
            }

            if (Digits(i, loTight, hiTight) is { } more)
            {
                options.Add(more);
            }

            return options.Count == 0 ? null : GbnfText.Alternatives(options);
        }
    }

    private static (BigInteger Integer, string Fraction) Split(decimal value)
    {
        var text = value.ToString("0.#############################", CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0
            ? (BigInteger.Parse(text, CultureInfo.InvariantCulture), string.Empty)
            : (BigInteger.Parse(text.AsSpan(0, dot), CultureInfo.InvariantCulture), text[(dot + 1)..]);
    }

    private static string IntegerLiteral(BigInteger value) => "\"" + value.ToString(CultureInfo.InvariantCulture) + "\"";

    private static string Digit(char digit) => "\"" + digit + "\"";

    private static string DigitClass(char from, char to) =>
        from == to ? Digit(from) : new StringBuilder().Append('[').Append(from).Append('-').Append(to).Append(']').ToString();

    private static string Digits(int min, int max) => (min, max) switch
    {
        (_, 0) => string.Empty,
        (1, 1) => "[0-9]",
        _ when min == max => "[0-9]{" + min.ToString(CultureInfo.InvariantCulture) + "}",
        _ => "[0-9]{" + min.ToString(CultureInfo.InvariantCulture) + "," + max.ToString(CultureInfo.InvariantCulture) + "}",
    };
}
