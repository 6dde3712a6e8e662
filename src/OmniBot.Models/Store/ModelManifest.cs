namespace OmniBot.Models.Store;

/// <summary>
/// What the store knows about one name:tag, stored as JSON at <c>manifests/&lt;name&gt;/&lt;tag&gt;</c>.
/// <see cref="Digest"/> names the blob to load; a split GGUF lists every part in <see cref="Parts"/>, first part first.
/// </summary>
public sealed record ModelManifest
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Name { get; init; }

    public required string Tag { get; init; }

    /// <summary>"sha256:&lt;hex&gt;" of the (first) GGUF file.</summary>
    public required string Digest { get; init; }

    /// <summary>Bytes of all parts together.</summary>
    public required long Size { get; init; }

    /// <summary>Every GGUF file of the model in load order; one entry unless the model is split.</summary>
    public required IReadOnlyList<ModelBlob> Parts { get; init; }

    /// <summary>Where it came from: an hf: source, a URL or a local path.</summary>
    public required string Source { get; init; }

    public required ModelFacts Facts { get; init; }

    public required DateTimeOffset AddedAt { get; init; }

    public ModelRef Ref => new(Name, Tag);

    public bool IsSplit => Parts.Count > 1;

    /// <summary>The first 12 hex digits of the digest, as <c>omnibot list</c> shows it.</summary>
    public string ShortId => BlobDigest.Hex(Digest)[..12];
}
