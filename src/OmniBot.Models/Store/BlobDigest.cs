using System.Security.Cryptography;

namespace OmniBot.Models.Store;

/// <summary>Content digests as the store writes them: "sha256:&lt;64 lowercase hex&gt;", files "sha256-&lt;hex&gt;".</summary>
public static class BlobDigest
{
    public const string Prefix = "sha256:";
    public const string FilePrefix = "sha256-";

    public static string FromHex(string hex) => Prefix + NormalizeHex(hex);

    /// <summary>The hex part of "sha256:&lt;hex&gt;" or of a bare hex digest.</summary>
    public static string Hex(string digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var hex = digest.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? digest[Prefix.Length..] : digest;
        return NormalizeHex(hex);
    }

    public static bool IsSha256Hex(string? text) =>
        text is { Length: 64 } && text.All(char.IsAsciiHexDigit);

    public static string FileName(string digest) => FilePrefix + Hex(digest);

    /// <summary>Reads a whole file and returns its digest.</summary>
    public static async Task<string> ComputeAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    private static string NormalizeHex(string hex) =>
        IsSha256Hex(hex) ? hex.ToLowerInvariant() : throw new FormatException($"'{hex}' is not a sha256 digest (64 hex digits).");
}
