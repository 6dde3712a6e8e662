namespace OmniBot.Models.Downloads;

/// <summary>A file to download is larger than <see cref="ModelDownloaderOptions.MaxFileBytes"/>; what arrived of it was deleted.</summary>
public sealed class DownloadTooLargeException : ModelDownloadException
{
    public DownloadTooLargeException(Uri uri, long bytes, long limit)
        : base($"'{uri}' is larger than the {limit:N0}-byte limit on one downloaded file ({bytes:N0} bytes announced or received); nothing was kept.")
    {
        ArgumentNullException.ThrowIfNull(uri);
        Bytes = bytes;
        Limit = limit;
    }

    /// <summary>The size the source announced, or the bytes received when it stopped.</summary>
    public long Bytes { get; }

    public long Limit { get; }
}
