using System.Globalization;
using System.Text.Json;

namespace OmniBot.Server;

/// <summary>
/// Ollama's <c>keep_alive</c>: a duration string (<c>"5m"</c>, <c>"1h30m"</c>, <c>"45s"</c>, <c>"250ms"</c>) or a number
/// of seconds; zero unloads the model right after the request, a negative value keeps it loaded forever.
/// </summary>
public static class KeepAlive
{
    /// <exception cref="FormatException">Not a duration; the message shows the accepted forms.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new FormatException($"'{text}' is not a keep-alive duration: use a number of seconds or a duration such as 30s, 5m, 1h or -1 (forever).");
    }

    /// <summary>Reads a JSON <c>keep_alive</c> (string or number); null when absent.</summary>
    /// <exception cref="FormatException">A value of the wrong type or form.</exception>
    public static TimeSpan? FromJson(JsonElement? element) => element switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Number } number => TrySeconds(number.GetDouble(), out var value) ? value : throw new FormatException("keep_alive must be a number of seconds."),
        { ValueKind: JsonValueKind.String } text => Parse(text.GetString()!),
        _ => throw new FormatException("keep_alive must be a number of seconds or a duration string such as \"5m\"."),
    };

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TrySeconds(seconds, out value);
        }

        var negative = text.StartsWith('-');
        var rest = negative ? text[1..] : text;
        if (rest.Length == 0)
        {
            return false;
        }

        var totalSeconds = 0.0;
        while (rest.Length > 0)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.'))
            {
                digits++;
            }

            var unitLength = 0;
            while (digits + unitLength < rest.Length && char.IsAsciiLetter(rest[digits + unitLength]))
            {
                unitLength++;
            }

            if (digits == 0 || unitLength == 0 || !double.TryParse(rest[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            double? unit = rest.Substring(digits, unitLength) switch
            {
                "ms" => 0.001,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                _ => null,
            };
            if (unit is null)
            {
                return false;
            }

            totalSeconds += unit.Value * amount;
            rest = rest[(digits + unitLength)..];
        }

        return TrySeconds(negative ? -1 : totalSeconds, out value);
    }

    /// <summary>Negative means forever, and so does anything longer than a TimeSpan can hold (Ollama's clients send 9e18 for that).</summary>
    private static bool TrySeconds(double seconds, out TimeSpan value)
    {
        value = double.IsNaN(seconds) ? default
            : seconds < 0 || seconds >= TimeSpan.MaxValue.TotalSeconds / 2 ? Timeout.InfiniteTimeSpan
            : TimeSpan.FromSeconds(seconds);
        return !double.IsNaN(seconds);
    }
}
