using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmniBot.Models.Store;

/// <summary>
/// The model store: content-addressed blobs (<c>blobs/sha256-&lt;hex&gt;</c>) and one JSON manifest per
/// name:tag (<c>manifests/&lt;name&gt;/&lt;tag&gt;</c>). Blobs are renamed into place only once complete and verified,
/// manifests are written to a temporary file and renamed, and a blob is committed before the manifest naming
/// it, so a crash at any point leaves either the old state or the new one. Blob commits and garbage
/// collection take one store-wide lock file, so a collection never deletes a blob a manifest is about to name.
/// </summary>
public sealed class ModelStore
{
    public const string HomeEnvironmentVariable = "OMNIBOT_HOME";

    private const string LockFileName = ".store.lock";
    private const string ImportTempPrefix = "import-";

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly TimeProvider _timeProvider;

    public ModelStore(string root, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Root { get; }

    public string BlobsDirectory => Path.Combine(Root, "blobs");

    public string ManifestsDirectory => Path.Combine(Root, "manifests");

    /// <summary>Folders of links giving a split model's blobs the part names llama.cpp needs to find the siblings.</summary>
    public string LinksDirectory => Path.Combine(Root, "links");

    internal TimeProvider TimeProvider => _timeProvider;

    /// <summary>
    /// The models folder: <paramref name="modelsDirectory"/> when given, else <c>$OMNIBOT_HOME/models</c>,
    /// else <c>~/.omnibot/models</c>.
    /// </summary>
    public static string ResolveRoot(string? modelsDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(modelsDirectory))
        {
            return Path.GetFullPath(modelsDirectory);
        }

        var home = Environment.GetEnvironmentVariable(HomeEnvironmentVariable);
        return string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".omnibot", "models")
            : Path.Combine(Path.GetFullPath(home), "models");
    }

    public string GetBlobPath(string digest) => Path.Combine(BlobsDirectory, BlobDigest.FileName(digest));

    public bool HasBlob(string digest) => File.Exists(GetBlobPath(digest));

    /// <summary>Every manifest, sorted by name and tag. Temporary and damaged files are skipped, never shown.</summary>
    public IReadOnlyList<ModelManifest> List()
    {
        if (!Directory.Exists(ManifestsDirectory))
        {
            return [];
        }

        var manifests = new List<ModelManifest>();
        foreach (var nameDirectory in Directory.EnumerateDirectories(ManifestsDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(nameDirectory))
            {
                if (ModelRef.TryParse($"{Path.GetFileName(nameDirectory)}:{Path.GetFileName(file)}", out var modelRef)
                    && !Path.GetFileName(file).StartsWith('.')
                    && TryReadManifest(file, modelRef) is { } manifest)
                {
                    manifests.Add(manifest);
                }
            }
        }

        return manifests.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Tag, StringComparer.Ordinal).ToArray();
    }

    public ModelManifest? Find(ModelRef model) => TryReadManifest(GetManifestPath(model), model);

    public ModelManifest Get(ModelRef model) => Find(model) ?? throw new ModelNotFoundException(model, Root);

    /// <summary>
    /// The path to load: the blob of a single-file model, or the first of a split model's parts laid out under
    /// their original names (hard links, or symbolic links where hard links fail).
    /// </summary>
    public string GetModelPath(ModelRef model)
    {
        var manifest = Get(model);
        if (!manifest.IsSplit)
        {
            return GetBlobPath(manifest.Digest);
        }

        var folder = Path.Combine(LinksDirectory, BlobDigest.Hex(manifest.Digest));
        if (!Directory.Exists(folder))
        {
            var temp = Path.Combine(LinksDirectory, AtomicFile.TempPrefix + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(temp);
            foreach (var part in manifest.Parts)
            {
                var link = Path.Combine(temp, Path.GetFileName(part.FileName));
                if (!HardLink.TryCreate(GetBlobPath(part.Digest), link))
                {
                    File.CreateSymbolicLink(link, GetBlobPath(part.Digest));
                }
            }

            try
            {
                Directory.Move(temp, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                Directory.Delete(temp, recursive: true);
            }
        }

        return Path.Combine(folder, Path.GetFileName(manifest.Parts[0].FileName));
    }

    /// <summary>Makes <paramref name="destination"/> name the same blobs as <paramref name="source"/>; no data is copied.</summary>
    public async Task<ModelManifest> CopyAsync(ModelRef source, ModelRef destination, CancellationToken cancellationToken = default)
    {
        var manifest = Get(source) with { Name = destination.Name, Tag = destination.Tag, AddedAt = _timeProvider.GetUtcNow() };
        using (await LockAsync(cancellationToken).ConfigureAwait(false))
        {
            WriteManifest(manifest);
            CollectGarbageLocked();
        }

        return manifest;
    }

    /// <summary>Removes a name:tag and deletes the blobs no other manifest names; returns the bytes freed.</summary>
    public async Task<long> RemoveAsync(ModelRef model, CancellationToken cancellationToken = default)
    {
        using (await LockAsync(cancellationToken).ConfigureAwait(false))
        {
            var path = GetManifestPath(model);
            if (!File.Exists(path))
            {
                throw new ModelNotFoundException(model, Root);
            }

            File.Delete(path);
            var nameDirectory = Path.GetDirectoryName(path)!;
            if (!Directory.EnumerateFileSystemEntries(nameDirectory).Any())
            {
                Directory.Delete(nameDirectory);
            }

            return CollectGarbageLocked();
        }
    }

    /// <summary>Deletes blobs (and split link folders) that no manifest names; returns the bytes freed.</summary>
    public async Task<long> CollectGarbageAsync(CancellationToken cancellationToken = default)
    {
        using (await LockAsync(cancellationToken).ConfigureAwait(false))
        {
            return CollectGarbageLocked();
        }
    }

    /// <summary>
    /// Moves finished, verified files into the blob store (or drops them where the blob is already there) and
    /// then writes the manifest, all under the store lock.
    /// </summary>
    internal async Task<ModelManifest> CommitAsync(IReadOnlyList<(string FinishedPath, ModelBlob Blob)> files, ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(BlobsDirectory);
        using (await LockAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var (finishedPath, blob) in files)
            {
                var blobPath = GetBlobPath(blob.Digest);
                if (File.Exists(blobPath))
                {
                    if (!string.Equals(Path.GetFullPath(finishedPath), blobPath, StringComparison.Ordinal))
                    {
                        File.Delete(finishedPath);
                    }
                }
                else
                {
                    AtomicFile.FlushToDisk(finishedPath);
                    File.Move(finishedPath, blobPath);
                }
            }

            WriteManifest(manifest);
        }

        return manifest;
    }

    /// <summary>
    /// Adds a local GGUF file (every part of a split set, given its first part) under <paramref name="name"/>:
    /// hard-linked into the blob store where the file system allows it, else copied; validated by the managed
    /// GGUF reader and hashed. A hard-linked blob shares its data with the original file.
    /// </summary>
    public async Task<ModelManifest> ImportAsync(string path, ModelRef name, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ModelStoreException($"'{fullPath}' does not exist; give the path of a GGUF model file.");
        }

        var directory = Path.GetDirectoryName(fullPath)!;
        var partNames = SplitGgufName.AllParts(Path.GetFileName(fullPath));
        var missing = partNames.Select(part => Path.Combine(directory, part)).FirstOrDefault(part => !File.Exists(part));
        if (missing is not null)
        {
            throw new ModelStoreException($"'{fullPath}' is one part of a split model, but '{missing}' is missing; put every part in the same folder.");
        }

        Directory.CreateDirectory(BlobsDirectory);
        var files = new List<(string, ModelBlob)>();
        ModelFacts? facts = null;
        try
        {
            foreach (var partName in partNames)
            {
                // Validated at its own path, so an error names the user's file.
                var partPath = Path.Combine(directory, partName);
                var info = Gguf.GgufModelInfo.Read(partPath);
                facts ??= ModelFacts.From(info);
                var (temp, digest) = await StageAsync(partPath, cancellationToken).ConfigureAwait(false);
                files.Add((temp, new ModelBlob(digest, new FileInfo(temp).Length, partName)));
            }

            var manifest = CreateManifest(name, source ?? fullPath, files.Select(f => f.Item2).ToArray(), facts!);
            return await CommitAsync(files, manifest, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var (temp, _) in files)
            {
                File.Delete(temp);
            }
        }
    }

    internal ModelManifest CreateManifest(ModelRef name, string source, IReadOnlyList<ModelBlob> parts, ModelFacts facts) => new()
    {
        Name = name.Name,
        Tag = name.Tag,
        Digest = parts[0].Digest,
        Size = parts.Sum(part => part.Size),
        Parts = parts,
        Source = source,
        Facts = facts,
        AddedAt = _timeProvider.GetUtcNow(),
    };

    private async Task<(string Temp, string Digest)> StageAsync(string source, CancellationToken cancellationToken)
    {
        var temp = NewImportTempPath();
        try
        {
            if (HardLink.TryCreate(source, temp))
            {
                return (temp, await BlobDigest.ComputeAsync(temp, cancellationToken).ConfigureAwait(false));
            }

            // Copy and hash in one pass, so the digest is of exactly the bytes stored.
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 20];
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                output.Flush(flushToDisk: true);
            }

            return (temp, BlobDigest.Prefix + Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>A fresh temporary path in the blob folder for a file being imported (ignored by everything else).</summary>
    internal string NewImportTempPath() => Path.Combine(BlobsDirectory, ImportTempPrefix + Guid.NewGuid().ToString("N") + ".tmp");

    internal Task<StoreFileLock> LockAsync(CancellationToken cancellationToken) =>
        StoreFileLock.AcquireAsync(Path.Combine(Root, LockFileName), _timeProvider, cancellationToken);

    private string GetManifestPath(ModelRef model)
    {
        if (model.Name is null)
        {
            throw new ArgumentException("The model reference is empty.", nameof(model));
        }

        return Path.Combine(ManifestsDirectory, model.Name, model.Tag);
    }

    private void WriteManifest(ModelManifest manifest) =>
        AtomicFile.WriteAllBytes(GetManifestPath(manifest.Ref), JsonSerializer.SerializeToUtf8Bytes(manifest, JsonOptions));

    private static ModelManifest? TryReadManifest(string path, ModelRef model)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllBytes(path), JsonOptions);

            // The file's location is the truth about its name; a manifest copied by hand keeps working.
            return manifest is null ? null : manifest with { Name = model.Name, Tag = model.Tag };
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException or FormatException)
        {
            return null;
        }
    }

    private long CollectGarbageLocked()
    {
        var referenced = List().SelectMany(m => m.Parts.Select(p => BlobDigest.Hex(p.Digest)).Append(BlobDigest.Hex(m.Digest))).ToHashSet(StringComparer.Ordinal);
        long freed = 0;
        if (Directory.Exists(BlobsDirectory))
        {
            foreach (var blob in Directory.EnumerateFiles(BlobsDirectory, BlobDigest.FilePrefix + "*"))
            {
                var hex = Path.GetFileName(blob)[BlobDigest.FilePrefix.Length..];
                if (BlobDigest.IsSha256Hex(hex) && !referenced.Contains(hex))
                {
                    freed += new FileInfo(blob).Length;
                    File.Delete(blob);
                }
            }
        }

        if (Directory.Exists(LinksDirectory))
        {
            foreach (var folder in Directory.EnumerateDirectories(LinksDirectory))
            {
                var name = Path.GetFileName(folder);
                if (BlobDigest.IsSha256Hex(name) && !referenced.Contains(name))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        return freed;
    }
}
