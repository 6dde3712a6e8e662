namespace OmniBot.Models.Downloads;

/// <summary>Where a download stands: bytes on disk (including those from an earlier, resumed attempt), speed and time left.</summary>
public sealed record DownloadProgress(string Label, long BytesDone, long? TotalBytes, double BytesPerSecond, TimeSpan? EstimatedRemaining)
{
    /// <summary>0 to 1, or null while the size is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 and var total ? Math.Min(1.0, (double)BytesDone / total) : null;
}
