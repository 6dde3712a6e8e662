namespace OmniBot.Models.Downloads;

/// <summary>One file to download. The digest and size are what the source publishes, where it does.</summary>
public sealed record DownloadRequest(Uri Uri)
{
    /// <summary>The published sha256 ("sha256:&lt;hex&gt;" or bare hex); the download is rejected when it differs.</summary>
    public string? ExpectedSha256 { get; init; }

    public long? ExpectedSize { get; init; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> (a Hugging Face token for gated or private repositories).</summary>
    public string? BearerToken { get; init; }

    /// <summary>What progress calls the file; its file name when not set.</summary>
    public string? Label { get; init; }

    internal string DisplayName => Label ?? Path.GetFileName(Uri.LocalPath);
}
