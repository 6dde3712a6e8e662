using System.Globalization;
using System.Numerics;

namespace OmniBot.Engine.Templates.Syntax;

/// <summary>Parses integer literals into <see cref="long"/>, or <see cref="BigInteger"/> when they do not fit (Python ints are unbounded).</summary>
internal static class IntegerLiteral
{
    public static object Parse(string digits, int radix)
    {
        BigInteger value = BigInteger.Zero;
        foreach (var c in digits)
        {
            value = (value * radix) + HexValue(c);
        }

        return value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"invalid digit '{c}'")),
    };
}
