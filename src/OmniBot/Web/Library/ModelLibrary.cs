using System.Collections.Concurrent;
using OmniBot.Engine.Hosting;
using OmniBot.Models.Catalog;
using OmniBot.Models.Store;
using OmniBot.Server.Pulls;

namespace OmniBot.Web.Library;

/// <summary>
/// What the model library page does with the store: list, delete and copy tags, show the catalog, and start
/// (or resume) pulls through <see cref="ModelPullService"/>, so a pull outlives the page that started it.
/// </summary>
public sealed class ModelLibrary(ModelStore store, ModelHost host, ModelPullService pulls)
{
    // A resumed pull checks the same digest as the first attempt; pull snapshots do not carry it.
    private readonly ConcurrentDictionary<string, string> _expectedDigests = new(StringComparer.Ordinal);

    public ModelPullService Pulls => pulls;

    /// <summary>Installed models grouped by name (sorted), each group's tags side by side.</summary>
    public IReadOnlyList<InstalledModelGroup> ListInstalled()
    {
        var loaded = host.Loaded.Select(status => status.Id).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. store.List()
                .GroupBy(manifest => manifest.Name, StringComparer.Ordinal)
                .Select(group => new InstalledModelGroup(
                    group.Key,
                    [.. group.Select(manifest => new InstalledModel(manifest, loaded.Contains(manifest.Ref.ToString())))])),
        ];
    }

    /// <summary>The recommended models, marked installed when the store has their short name.</summary>
    public IReadOnlyList<CatalogItem> ListCatalog()
    {
        var installed = store.List().Select(manifest => manifest.Ref).ToHashSet();
        return [.. ModelCatalog.Entries.Select(entry => new CatalogItem(entry, installed.Contains(entry.Name)))];
    }

    /// <summary>Unloads the model if it is loaded (once its requests finish), then removes the tag and any data no other tag uses.</summary>
    /// <exception cref="ModelNotFoundException">The tag is already gone.</exception>
    public async Task DeleteAsync(ModelRef model, CancellationToken cancellationToken = default)
    {
        host.Unload(model.ToString());
        await store.RemoveAsync(model, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives <paramref name="source"/> another name:tag; no data is copied.</summary>
    /// <exception cref="InvalidModelNameException"><paramref name="destination"/> is not a valid name.</exception>
    /// <exception cref="ModelStoreException"><paramref name="destination"/> already exists.</exception>
    public async Task<ModelManifest> CopyAsync(ModelRef source, string destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var target = ModelRef.Parse(destination.Trim());
        if (target == source)
        {
            throw new ModelStoreException($"'{target}' is the model itself: type a different name or tag, as in '{source.Name}:copy'.");
        }

        if (store.Find(target) is not null)
        {
            throw new ModelStoreException($"'{target}' already exists: choose another name or tag, or delete '{target}' first.");
        }

        return await store.CopyAsync(source, target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts pulling <paramref name="source"/> (a catalog name, <c>hf:</c> source or URL); blank optional fields count as not given.</summary>
    /// <exception cref="InvalidModelNameException"><paramref name="name"/> is not a valid model name.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> is empty or <paramref name="sha256"/> is not 64 hex digits.</exception>
    public PullJob StartPull(string source, string? name = null, string? sha256 = null)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new ArgumentException("Type a source to pull: hf:OWNER/REPO:QUANT, hf:OWNER/REPO/FILE.gguf or an https:// URL of a .gguf file.", nameof(source));
        }

        var digest = string.IsNullOrWhiteSpace(sha256) ? null : sha256.Trim().ToLowerInvariant();
        var job = pulls.Start(source, string.IsNullOrWhiteSpace(name) ? null : name, digest);
        if (digest is not null)
        {
            _expectedDigests[job.Id] = digest;
        }

        // Forget the digests of pulls the service no longer lists: nothing can resume them from here.
        foreach (var id in _expectedDigests.Keys.Where(id => pulls.Find(id) is null))
        {
            _expectedDigests.TryRemove(id, out _);
        }

        return job;
    }

    /// <summary>Pulls a cancelled or failed job's source again: the download continues from its partial file.</summary>
    public PullJob Resume(PullSnapshot job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return StartPull(job.Source, job.RequestedName, _expectedDigests.GetValueOrDefault(job.Id));
    }
}
