using System.Globalization;
using System.Numerics;
using OmniBot.Engine.Grammar;

namespace OmniBot.Engine.Tests.Grammar;

public sealed class NumericRangeGrammarTests
{
    private static readonly int?[] IntegerLimits = [null, -1001, -1000, -999, -101, -100, -99, -10, -9, -1, 0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 12345];

    private static readonly decimal?[] DecimalLimits = [null, -12.5m, -2.5m, -1m, -0.75m, 0m, 0.001m, 0.25m, 1m, 3.75m, 10m];

    [Fact]
    public void Integers_EveryPairOfLimits_AcceptsExactlyTheIntegersBetween()
    {
        var probes = IntegerLimits.OfType<int>().SelectMany(v => new[] { v - 1, v, v + 1 })
            .Concat([0, 5, 50, 500, 5000, 54321, -5000, 99999, 100000]).Distinct().ToList();
        foreach (var low in IntegerLimits)
        {
            foreach (var high in IntegerLimits)
            {
                if (low > high)
                {
                    Assert.Null(NumericRangeGrammar.Integers(low, high));
                    continue;
                }

                var matcher = Matcher(NumericRangeGrammar.Integers(low, high)!);
                foreach (var value in probes)
                {
                    var inside = (low is null || value >= low) && (high is null || value <= high);
                    Assert.True(inside == matcher.Matches(value.ToString(CultureInfo.InvariantCulture)), $"[{low}, {high}] and {value}");
                }

                Assert.False(matcher.Matches("-0"));
                Assert.False(matcher.Matches("01"));
            }
        }
    }

    [Fact]
    public void Integers_Unbounded_StopAtSixteenDigits()
    {
        var matcher = Matcher(NumericRangeGrammar.Integers(null, null)!);

        Assert.True(matcher.Matches("9999999999999999"));
        Assert.True(matcher.Matches("-9999999999999999"));
        Assert.False(matcher.Matches("10000000000000000"));
    }

    [Fact]
    public void Numbers_EveryPairOfLimits_AcceptsExactlyTheNumbersBetween()
    {
        var probes = new List<string>();
        for (var tenths = -140; tenths <= 140; tenths += 3)
        {
            probes.Add((tenths / 10m).ToString("0.0##", CultureInfo.InvariantCulture));
        }

        foreach (var limit in DecimalLimits.OfType<decimal>())
        {
            foreach (var delta in new[] { 0m, 0.0001m, -0.0001m })
            {
                probes.Add((limit + delta).ToString(CultureInfo.InvariantCulture));
            }

            probes.Add(limit.ToString("0.000", CultureInfo.InvariantCulture));
        }

        probes.AddRange(["0", "0.0", "-0.5", "1.50", "0.0009", "9.9999999999999999", "10.0000000000000001"]);
        foreach (var low in DecimalLimits)
        {
            foreach (var high in DecimalLimits)
            {
                foreach (var (lowExclusive, highExclusive) in new[] { (false, false), (true, false), (false, true), (true, true) })
                {
                    var min = low is { } l ? new NumericBound(l, lowExclusive) : (NumericBound?)null;
                    var max = high is { } h ? new NumericBound(h, highExclusive) : (NumericBound?)null;
                    var grammar = NumericRangeGrammar.Numbers(min, max);
                    if (grammar is null)
                    {
                        Assert.True(low > high || (low == high && (lowExclusive || highExclusive)), $"empty for {low}..{high}");
                        continue;
                    }

                    var matcher = Matcher(grammar);
                    foreach (var probe in probes)
                    {
                        var value = decimal.Parse(probe, CultureInfo.InvariantCulture);
                        var inside = (min is null || (lowExclusive ? value > low : value >= low)) && (max is null || (highExclusive ? value < high : value <= high));
                        Assert.True(inside == matcher.Matches(probe), $"{(lowExclusive ? "(" : "[")}{low}, {high}{(highExclusive ? ")" : "]")} and {probe}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Numbers_BoundWithManyDigits_ComparesDigitByDigit()
    {
        var matcher = Matcher(NumericRangeGrammar.Numbers(new NumericBound(1.0625m, true), new NumericBound(1.0703125m, false))!);

        Assert.Equal(
            [false, true, true, true, false, false, true],
            new[] { "1.0625", "1.06250001", "1.07", "1.0703125", "1.07031251", "1.1", "1.0703125000" }.Select(matcher.Matches));
    }

    [Fact]
    public void Integers_HugeLimits_AreClampedToSixteenDigits()
    {
        var matcher = Matcher(NumericRangeGrammar.Integers(BigInteger.Parse("-100000000000000000000", CultureInfo.InvariantCulture), 5)!);

        Assert.True(matcher.Matches("-9999999999999999"));
        Assert.False(matcher.Matches("-10000000000000000"));
        Assert.True(matcher.Matches("5"));
    }

    private static GbnfMatcher Matcher(string expression) => new(GbnfGrammar.Parse("root ::= " + expression + "\n"));
}
