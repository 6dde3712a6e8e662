using System.Security.Cryptography;
using System.Text;
using OmniBot.Models.Catalog;
using OmniBot.Models.Gguf;
using OmniBot.Models.Store;

namespace OmniBot.Models.Downloads;

/// <summary>
/// <c>omnibot pull</c>: resolves a source or catalog name, downloads what the store lacks and writes the
/// manifest. Pulls of the same source take one lock, so two at once download once: the second finds the
/// blobs the first committed.
/// </summary>
public sealed class ModelPuller
{
    private readonly ModelStore _store;
    private readonly ModelDownloader _downloader;
    private readonly ModelSourceResolver _resolver;

    public ModelPuller(ModelStore store, ModelDownloader downloader, ModelSourceResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(downloader);
        ArgumentNullException.ThrowIfNull(resolver);
        _store = store;
        _downloader = downloader;
        _resolver = resolver;
    }

    /// <summary>
    /// Whether a path to a file on this machine is a source (imported). True for <c>omnibot pull</c>; false for pulls
    /// requested over HTTP, which never read the server's files.
    /// </summary>
    public bool AllowLocalFiles { get; init; } = true;

    /// <summary>
    /// Pulls <paramref name="sourceOrName"/>: an hf: source, a URL, a local file or a catalog name. The model is
    /// stored under <paramref name="name"/>, else the catalog name, else a name derived from the source.
    /// <paramref name="expectedSha256"/> is checked where the source publishes no digest.
    /// </summary>
    public async Task<ModelManifest> PullAsync(
        string sourceOrName,
        ModelRef? name = null,
        string? expectedSha256 = null,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceOrName);
        var (source, catalogName) = Parse(sourceOrName, AllowLocalFiles);
        if (source.Kind == ModelSourceKind.LocalFile)
        {
            var localName = name ?? catalogName ?? new ModelRef(ModelRef.Sanitize(Path.GetFileNameWithoutExtension(source.LocalPath!)), ModelRef.DefaultTag);
            return await _store.ImportAsync(source.LocalPath!, localName, source.Text, cancellationToken).ConfigureAwait(false);
        }

        var resolved = await _resolver.ResolveAsync(source, cancellationToken).ConfigureAwait(false);
        var files = resolved.Files;
        if (expectedSha256 is not null)
        {
            if (files.Count != 1)
            {
                throw new ModelDownloadException($"--sha256 gives one digest, but '{source.Text}' is a split model of {files.Count} files.");
            }

            files = [files[0] with { ExpectedSha256 = expectedSha256 }];
        }

        var target = name ?? catalogName ?? resolved.DefaultName;
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(files[0].Uri.AbsoluteUri)))[..32];
        using var pullLock = await StoreFileLock.AcquireAsync(Path.Combine(_store.BlobsDirectory, $".pull-{key}.lock"), _store.TimeProvider, cancellationToken).ConfigureAwait(false);

        if (Reuse(source, files) is { } existing)
        {
            return await _store.CommitAsync([], _store.CreateManifest(target, source.Text, existing.Parts, existing.Facts), cancellationToken).ConfigureAwait(false);
        }

        var downloaded = new List<(string, ModelBlob)>();
        foreach (var file in files)
        {
            var digest = file.ExpectedSha256 is { } expected ? BlobDigest.FromHex(BlobDigest.Hex(expected)) : null;
            if (digest is not null && _store.HasBlob(digest))
            {
                downloaded.Add((_store.GetBlobPath(digest), new ModelBlob(digest, new FileInfo(_store.GetBlobPath(digest)).Length, file.DisplayName)));
                continue;
            }

            var result = await _downloader.DownloadAsync(file, _store.BlobsDirectory, progress, cancellationToken).ConfigureAwait(false);
            downloaded.Add((result.Path, new ModelBlob(result.Digest, result.Size, file.DisplayName)));
        }

        var facts = ModelFacts.From(GgufModelInfo.Read(downloaded[0].Item1));
        var manifest = _store.CreateManifest(target, source.Text, downloaded.Select(d => d.Item2).ToArray(), facts);
        return await _store.CommitAsync(downloaded, manifest, cancellationToken).ConfigureAwait(false);
    }

    private static (ModelSource Source, ModelRef? CatalogName) Parse(string sourceOrName, bool allowLocalFiles)
    {
        var parsed = allowLocalFiles ? ModelSource.TryParse(sourceOrName, out var source) : ModelSource.TryParseRemote(sourceOrName, out source);
        if (parsed)
        {
            return (source!, null);
        }

        if (ModelRef.TryParse(sourceOrName, out var modelRef) && ModelCatalog.Find(modelRef) is { } entry)
        {
            return (ModelSource.TryParseRemote(entry.Source, out var catalogSource) ? catalogSource : throw new InvalidOperationException(entry.Source), entry.Name);
        }

        if (!allowLocalFiles)
        {
            throw PullRefusedException.NotRemote(sourceOrName);
        }

        throw new ModelStoreException(
            $"'{sourceOrName}' is neither a source (hf:OWNER/REPO:QUANT, hf:OWNER/REPO/FILE.gguf, https://…/FILE.gguf, a local file) nor a catalog name "
            + $"({string.Join(", ", ModelCatalog.Entries.Select(e => e.Name))}).");
    }

    /// <summary>
    /// A model already pulled from the same files, whose blobs are all present: for sources that publish no
    /// digest, this is how a second pull knows there is nothing to download.
    /// </summary>
    private ModelManifest? Reuse(ModelSource source, IReadOnlyList<DownloadRequest> files)
    {
        if (files.All(file => file.ExpectedSha256 is not null))
        {
            // Known digests are checked blob by blob instead, which also catches files shared with other sources.
            var digests = files.Select(file => BlobDigest.FromHex(BlobDigest.Hex(file.ExpectedSha256!))).ToArray();
            var match = _store.List().FirstOrDefault(m => m.Parts.Select(p => p.Digest).SequenceEqual(digests, StringComparer.Ordinal));
            return match is not null && digests.All(_store.HasBlob) ? match : null;
        }

        return _store.List().FirstOrDefault(m => m.Source == source.Text && m.Parts.Count == files.Count && m.Parts.All(p => _store.HasBlob(p.Digest)));
    }
}
