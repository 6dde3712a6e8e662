using System.Globalization;
using OmniBot.Engine.Hardware;

namespace OmniBot.Cli;

/// <summary>How store commands print sizes, counts and ages.</summary>
internal static class StoreFormat
{
    public static string Size(long bytes) => ByteSize.Format(bytes);

    public static string Parameters(long count) => count switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e9:0.#}B"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e6:0.#}M"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e3:0.#}K"),
        _ => count.ToString(CultureInfo.InvariantCulture),
    };

    public static string Age(DateTimeOffset when, DateTimeOffset now)
    {
        var age = now - when;
        return age switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => Plural((int)age.TotalMinutes, "minute"),
            { TotalDays: < 1 } => Plural((int)age.TotalHours, "hour"),
            { TotalDays: < 60 } => Plural((int)age.TotalDays, "day"),
            _ => when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    private static string Plural(int count, string unit) => $"{count} {unit}{(count == 1 ? string.Empty : "s")} ago";
}
