using OmniBot.Models.Store;

namespace OmniBot.Api.Ollama.Models;

/// <summary>A store model in <c>GET /api/tags</c>.</summary>
public sealed record OllamaModelEntry
{
    /// <summary>name:tag.</summary>
    public required string Name { get; init; }

    public required string Model { get; init; }

    public required DateTimeOffset ModifiedAt { get; init; }

    /// <summary>Bytes on disk.</summary>
    public required long Size { get; init; }

    /// <summary>The sha256 of the model file, in hex.</summary>
    public required string Digest { get; init; }

    public required OllamaModelDetails Details { get; init; }

    public static OllamaModelEntry From(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new OllamaModelEntry
        {
            Name = manifest.Ref.ToString(),
            Model = manifest.Ref.ToString(),
            ModifiedAt = manifest.AddedAt,
            Size = manifest.Size,
            Digest = BlobDigest.Hex(manifest.Digest),
            Details = OllamaModelDetails.From(manifest.Facts),
        };
    }
}
