namespace OmniBot.Models.Tests.Downloads;

internal sealed record RecordedRequest(string Path, string? Range, string? Authorization, string? IfRange)
{
    /// <summary>The probe the downloader sends first to learn the size: a request for byte 0 alone.</summary>
    public bool IsProbe => Range == "bytes=0-0";

    public long? RangeStart => Range is { } range && range.StartsWith("bytes=", StringComparison.Ordinal)
        ? long.Parse(range["bytes=".Length..range.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)
        : null;
}
