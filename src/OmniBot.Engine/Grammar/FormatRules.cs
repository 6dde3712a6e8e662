namespace OmniBot.Engine.Grammar;

/// <summary>
/// Grammars for the string formats we can constrain. They are stricter than the RFCs where that
/// keeps every output valid for common validators and .NET types: real calendar days (leap years
/// included), years from 0001 (1000-9998 in date-times), a UTC offset within ±14:00 on every time,
/// dot-atom e-mail addresses with a letter TLD.
/// </summary>
internal static class FormatRules
{
    /// <summary>Format name → (rule producing the quoted JSON string, shortest and longest content length).</summary>
    public static IReadOnlyDictionary<string, (string Rule, int MinLength, int MaxLength)> Formats { get; } =
        new Dictionary<string, (string, int, int)>(StringComparer.Ordinal)
        {
            ["date"] = ("date-string", 10, 10),
            ["time"] = ("time-string", 9, 18),
            ["date-time"] = ("date-time-string", 20, 29),
            ["uuid"] = ("uuid", 36, 36),
            ["email"] = ("email-string", 6, 127),
        };

    public static IReadOnlyDictionary<string, (string Body, string[] Uses)> Rules { get; } =
        new Dictionary<string, (string, string[])>(StringComparer.Ordinal)
        {
            ["date-year"] = ("[0-9]{3} [1-9] | [0-9]{2} [1-9] \"0\" | [0-9] [1-9] \"00\" | [1-9] \"000\"", []),
            ["date-leap-year"] = ("[0-9]{2} date-leap-tail | date-leap-tail \"00\"", ["date-leap-tail"]),
            ["date-leap-tail"] = ("\"0\" [48] | [2468] [048] | [13579] [26]", []),
            ["date-month-day"] = (
                "( \"01\" | \"03\" | \"05\" | \"07\" | \"08\" | \"10\" | \"12\" ) \"-\" ( \"0\" [1-9] | [12] [0-9] | \"3\" [01] )"
                + " | ( \"04\" | \"06\" | \"09\" | \"11\" ) \"-\" ( \"0\" [1-9] | [12] [0-9] | \"30\" )"
                + " | \"02-\" ( \"0\" [1-9] | \"1\" [0-9] | \"2\" [0-8] )",
                []),
            ["date"] = ("date-year \"-\" date-month-day | date-leap-year \"-02-29\"", ["date-year", "date-leap-year", "date-month-day"]),
            // Offsets stay within ±14:00, the range .NET's DateTimeOffset accepts.
            ["time"] = (
                "( [01] [0-9] | \"2\" [0-3] ) \":\" [0-5] [0-9] \":\" [0-5] [0-9] ( \".\" [0-9]{3} )?"
                + " ( \"Z\" | [+\\x2D] ( ( \"0\" [0-9] | \"1\" [0-3] ) \":\" [0-5] [0-9] | \"14:00\" ) )",
                []),
            // Years 1000-9998, so that no offset can move the instant outside DateTimeOffset's range.
            ["date-time-year"] = ("[1-8] [0-9]{3} | \"9\" ( [0-8] [0-9]{2} | \"9\" ( [0-8] [0-9] | \"9\" [0-8] ) )", []),
            ["date-time-leap-year"] = ("[1-9] [0-9] date-leap-tail | ( [2468] [048] | [13579] [26] ) \"00\"", ["date-leap-tail"]),
            ["date-time"] = (
                "( date-time-year \"-\" date-month-day | date-time-leap-year \"-02-29\" ) \"T\" time",
                ["date-time-year", "date-time-leap-year", "date-month-day", "time"]),
            ["date-string"] = ("\"\\\"\" date \"\\\"\" space", ["date", "space"]),
            ["time-string"] = ("\"\\\"\" time \"\\\"\" space", ["time", "space"]),
            ["date-time-string"] = ("\"\\\"\" date-time \"\\\"\" space", ["date-time", "space"]),
            ["uuid"] = (
                "\"\\\"\" [0-9a-fA-F]{8} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{12} \"\\\"\" space",
                ["space"]),
            // Local part: up to 4 dot-separated atoms of 1-15 characters (at most 63 in all).
            ["email-atom"] = ("[a-zA-Z0-9_%+\\x2D]{1,15}", []),
            // Domain: 1-3 labels of 1-16 characters that neither start nor end with '-', then a letter TLD.
            ["email-label"] = ("[a-zA-Z0-9] ( [a-zA-Z0-9\\x2D]{0,14} [a-zA-Z0-9] )?", []),
            ["email"] = (
                "email-atom ( \".\" email-atom ){0,3} \"@\" email-label ( \".\" email-label ){0,2} \".\" [a-zA-Z]{2,12}",
                ["email-atom", "email-label"]),
            ["email-string"] = ("\"\\\"\" email \"\\\"\" space", ["email", "space"]),
        };

    public static IEnumerable<string> Names => Rules.Keys;
}
