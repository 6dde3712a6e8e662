namespace OmniBot.Models.Downloads;

/// <summary>The downloaded bytes do not have the published sha256; the download was deleted.</summary>
public sealed class DigestMismatchException : ModelDownloadException
{
    public DigestMismatchException(Uri uri, string expected, string actual)
        : base($"The download from '{uri}' has sha256 {actual}, but the source publishes {expected}; it was deleted. Pull again; if it keeps failing, the source changed or is corrupt.")
    {
        Expected = expected;
        Actual = actual;
    }

    public string Expected { get; }

    public string Actual { get; }
}
