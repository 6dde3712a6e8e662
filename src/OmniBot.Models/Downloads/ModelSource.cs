using System.Diagnostics.CodeAnalysis;

namespace OmniBot.Models.Downloads;

/// <summary>Where a model comes from, parsed from what the user typed; see <see cref="ModelSourceKind"/> for the forms.</summary>
public sealed record ModelSource
{
    public const string HuggingFacePrefix = "hf:";
    public const string DefaultRevision = "main";

    private ModelSource(ModelSourceKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    public ModelSourceKind Kind { get; }

    /// <summary>The source as typed; recorded in the manifest.</summary>
    public string Text { get; }

    public string? Owner { get; private init; }

    public string? Repository { get; private init; }

    /// <summary>The file's path in the repository (may include folders).</summary>
    public string? FilePath { get; private init; }

    public string? Quantization { get; private init; }

    public string Revision { get; private init; } = DefaultRevision;

    public Uri? Uri { get; private init; }

    public string? LocalPath { get; private init; }

    /// <summary>
    /// Parses an hf: source, an http(s) URL or a path to an existing file; false for anything else (such as a
    /// model name). A malformed hf: source throws <see cref="ModelDownloadException"/> saying what the forms are.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ModelSource? source)
    {
        if (TryParseRemote(text, out source))
        {
            return true;
        }

        if (File.Exists(text))
        {
            source = new ModelSource(ModelSourceKind.LocalFile, text) { LocalPath = Path.GetFullPath(text) };
            return true;
        }

        return false;
    }

    /// <summary>
    /// Parses an hf: source or an http(s) URL, never looking at the disk: for pulls requested over HTTP, where
    /// a file on the server is no source and whether one exists is not for the caller to learn.
    /// </summary>
    public static bool TryParseRemote(string text, [NotNullWhen(true)] out ModelSource? source)
    {
        ArgumentNullException.ThrowIfNull(text);
        source = null;
        if (text.StartsWith(HuggingFacePrefix, StringComparison.OrdinalIgnoreCase))
        {
            source = ParseHuggingFace(text);
            return true;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            source = new ModelSource(ModelSourceKind.Url, text) { Uri = uri };
            return true;
        }

        return false;
    }

    private static ModelSource ParseHuggingFace(string text)
    {
        var body = text[HuggingFacePrefix.Length..];
        var revision = DefaultRevision;
        var at = body.LastIndexOf('@');
        if (at >= 0)
        {
            revision = body[(at + 1)..];
            body = body[..at];
        }

        var parts = body.Split('/');
        var valid = revision.Length > 0 && parts.Length >= 2 && parts.All(part => part.Length > 0 && part != "." && part != "..");
        if (valid && parts.Length == 2 && parts[1].Split(':') is [{ Length: > 0 } repository, { Length: > 0 } quantization])
        {
            return new ModelSource(ModelSourceKind.HuggingFaceQuant, text)
            {
                Owner = parts[0],
                Repository = repository,
                Quantization = quantization,
                Revision = revision,
            };
        }

        if (valid && parts.Length >= 3 && !body.Contains(':', StringComparison.Ordinal) && parts[^1].EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
        {
            return new ModelSource(ModelSourceKind.HuggingFaceFile, text)
            {
                Owner = parts[0],
                Repository = parts[1],
                FilePath = string.Join('/', parts[2..]),
                Revision = revision,
            };
        }

        throw new ModelDownloadException(
            $"'{text}' is not a Hugging Face source. Use hf:OWNER/REPO/FILE.gguf[@REVISION] or hf:OWNER/REPO:QUANT[@REVISION], e.g. hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M.");
    }
}
