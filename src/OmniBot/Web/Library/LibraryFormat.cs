using System.Globalization;
using OmniBot.Cli;
using OmniBot.Engine.Hardware;
using OmniBot.Models.Downloads;

namespace OmniBot.Web.Library;

/// <summary>How the library and hardware pages write sizes, speeds, times left and counts.</summary>
public static class LibraryFormat
{
    public static string Bytes(long? bytes) => ByteSize.Format(bytes);

    public static string Parameters(long count) => count > 0 ? StoreFormat.Parameters(count) : "unknown";

    public static string Speed(double bytesPerSecond) => bytesPerSecond > 0 ? $"{ByteSize.Format((long)bytesPerSecond)}/s" : "waiting for data";

    /// <summary>"1 h 5 min left", "3 min 20 s left", "12 s left", or "time left unknown".</summary>
    public static string TimeLeft(TimeSpan? remaining) => remaining switch
    {
        null => "time left unknown",
        { TotalHours: >= 1 } r => string.Create(CultureInfo.InvariantCulture, $"{(int)r.TotalHours} h {r.Minutes} min left"),
        { TotalMinutes: >= 1 } r => string.Create(CultureInfo.InvariantCulture, $"{r.Minutes} min {r.Seconds} s left"),
        { } r => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)Math.Ceiling(r.TotalSeconds))} s left"),
    };

    /// <summary>"1.2 MiB of 4.0 MiB", or the bytes alone while the size is unknown.</summary>
    public static string Transferred(DownloadProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return progress.TotalBytes is { } total ? $"{Bytes(progress.BytesDone)} of {Bytes(total)}" : Bytes(progress.BytesDone);
    }

    /// <summary>Whole percent, for progress bars.</summary>
    public static int Percent(double fraction) => (int)Math.Floor(Math.Clamp(fraction, 0, 1) * 100);

    public static string Count(long? value) => value is { } number ? number.ToString("N0", CultureInfo.InvariantCulture) : "unknown";

    public static string Age(DateTimeOffset when, DateTimeOffset now) => StoreFormat.Age(when, now);
}
