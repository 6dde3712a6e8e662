using System.Net.Http.Headers;
using System.Text.Json;
using OmniBot.Models.Store;

namespace OmniBot.Models.Downloads;

/// <summary>
/// Turns a remote <see cref="ModelSource"/> into the files to download. Hugging Face sources are looked up
/// in the repository's file tree (<c>/api/models/OWNER/REPO/tree/REVISION</c>), which gives each file's size
/// and, for LFS files, its sha256; a quantization picks the file whose name contains it. A split model's
/// parts are found from any one part's name.
/// </summary>
public sealed class ModelSourceResolver
{
    private const long MaxListingBytes = 32L * 1024 * 1024;
    private const int MaxNameShown = 160;
    private readonly HttpClient _httpClient;
    private readonly HuggingFaceOptions _huggingFace;

    public ModelSourceResolver(HttpClient httpClient, HuggingFaceOptions? huggingFace = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _huggingFace = huggingFace ?? HuggingFaceOptions.FromEnvironment();
    }

    public async Task<ResolvedModelSource> ResolveAsync(ModelSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Kind switch
        {
            ModelSourceKind.Url => ResolveUrl(source),
            ModelSourceKind.HuggingFaceFile or ModelSourceKind.HuggingFaceQuant => await ResolveHuggingFaceAsync(source, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentException($"A {source.Kind} source is imported, not downloaded.", nameof(source)),
        };
    }

    private static ResolvedModelSource ResolveUrl(ModelSource source)
    {
        var uri = source.Uri!;
        var fileName = Uri.UnescapeDataString(uri.Segments[^1]);
        var files = SplitGgufName.AllParts(fileName)
            .Select(part => new DownloadRequest(new Uri(uri, Uri.EscapeDataString(part))) { Label = part })
            .ToArray();
        return new ResolvedModelSource(source, files, new ModelRef(ModelRef.Sanitize(Stem(fileName)), ModelRef.DefaultTag));
    }

    private async Task<ResolvedModelSource> ResolveHuggingFaceAsync(ModelSource source, CancellationToken cancellationToken)
    {
        var tree = await GetTreeAsync(source, cancellationToken).ConfigureAwait(false);
        var ggufFiles = tree.Where(entry => entry.Path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)).ToArray();
        string[] paths;
        string tag;
        if (source.Kind == ModelSourceKind.HuggingFaceFile)
        {
            var wanted = ggufFiles.FirstOrDefault(entry => string.Equals(entry.Path, source.FilePath, StringComparison.OrdinalIgnoreCase))
                ?? throw new ModelDownloadException($"'{source.FilePath}' is not in {source.Owner}/{source.Repository} at revision '{source.Revision}'. Files there: {Describe(ggufFiles)}.");
            paths = PartsOf(wanted.Path);
            tag = ModelRef.Sanitize(Stem(Path.GetFileName(wanted.Path)));
        }
        else
        {
            paths = PickQuantization(source, ggufFiles);
            tag = ModelRef.Sanitize(source.Quantization!);
        }

        var files = paths.Select(path =>
        {
            var entry = ggufFiles.FirstOrDefault(e => e.Path == path)
                ?? throw new ModelDownloadException($"'{path}' (a part of a split model) is missing from {source.Owner}/{source.Repository}; the repository is incomplete.");
            return new DownloadRequest(ResolveUri(source, path))
            {
                ExpectedSha256 = BlobDigest.IsSha256Hex(entry.Sha256) ? entry.Sha256 : null,
                ExpectedSize = entry.Size,
                BearerToken = _huggingFace.Token,
                Label = Path.GetFileName(path),
            };
        }).ToArray();

        var repository = source.Repository!;
        if (repository.EndsWith("-gguf", StringComparison.OrdinalIgnoreCase))
        {
            repository = repository[..^"-gguf".Length];
        }

        return new ResolvedModelSource(source, files, new ModelRef(ModelRef.Sanitize(repository), tag));
    }

    private static string[] PickQuantization(ModelSource source, IReadOnlyList<TreeEntry> ggufFiles)
    {
        var quantization = source.Quantization!;
        var containing = ggufFiles.Where(entry => Path.GetFileName(entry.Path).Contains(quantization, StringComparison.OrdinalIgnoreCase)).ToArray();

        // "Q4_K" should pick Q4_K.gguf over Q4_K_M.gguf when both exist: prefer a match that ends at a separator.
        var exact = containing.Where(entry => EndsAtBoundary(Path.GetFileName(entry.Path), quantization)).ToArray();
        var candidates = exact.Length > 0 ? exact : containing;
        var models = candidates.Select(entry => PartsOf(entry.Path)).DistinctBy(parts => parts[0], StringComparer.Ordinal).ToArray();
        return models.Length switch
        {
            1 => models[0],
            0 => throw new ModelDownloadException(
                $"No GGUF file in {source.Owner}/{source.Repository} matches '{quantization}'. Files there: {Describe(ggufFiles)}."),
            _ => throw new ModelDownloadException(
                $"Several files in {source.Owner}/{source.Repository} match '{quantization}': {string.Join(", ", models.Select(m => Printable(m[0])))}. Name one with hf:{source.Owner}/{source.Repository}/FILE.gguf."),
        };
    }

    private static bool EndsAtBoundary(string fileName, string quantization)
    {
        var index = fileName.IndexOf(quantization, StringComparison.OrdinalIgnoreCase);
        var after = index + quantization.Length;
        return index >= 0 && (after == fileName.Length || fileName[after] is '.' or '-');
    }

    private static string[] PartsOf(string path)
    {
        var directory = path.Contains('/', StringComparison.Ordinal) ? path[..(path.LastIndexOf('/') + 1)] : string.Empty;
        return SplitGgufName.AllParts(Path.GetFileName(path)).Select(part => directory + part).ToArray();
    }

    private Uri ResolveUri(ModelSource source, string path)
    {
        var escapedPath = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return new Uri(_huggingFace.Endpoint, $"{Uri.EscapeDataString(source.Owner!)}/{Uri.EscapeDataString(source.Repository!)}/resolve/{Uri.EscapeDataString(source.Revision)}/{escapedPath}");
    }

    private async Task<IReadOnlyList<TreeEntry>> GetTreeAsync(ModelSource source, CancellationToken cancellationToken)
    {
        var uri = new Uri(_huggingFace.Endpoint, $"api/models/{Uri.EscapeDataString(source.Owner!)}/{Uri.EscapeDataString(source.Repository!)}/tree/{Uri.EscapeDataString(source.Revision)}?recursive=true");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (_huggingFace.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            ModelDownloader.ThrowForStatus(response, uri);
            using var body = await ReadListingAsync(response, source, cancellationToken).ConfigureAwait(false);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return json.RootElement.EnumerateArray()
                .Where(item => item.TryGetProperty("type", out var type) && type.GetString() == "file")
                .Select(TreeEntry.From)
                .ToArray();
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = ex is JsonException or InvalidOperationException ? "the answer was not a file list." : DownloadErrors.Describe(ex);
            throw new ModelDownloadException($"Listing {source.Owner}/{source.Repository} on {_huggingFace.Endpoint} failed: {reason} Check the network, the repository name and {HuggingFaceOptions.EndpointVariable}.", ex);
        }
    }

    /// <summary>The listing's body, read into memory up to <see cref="MaxListingBytes"/> (a file list, not a download).</summary>
    private static async Task<MemoryStream> ReadListingAsync(HttpResponseMessage response, ModelSource source, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxListingBytes)
        {
            throw TooLargeListing(source);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxListingBytes)
            {
                throw TooLargeListing(source);
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static ModelDownloadException TooLargeListing(ModelSource source) =>
        new($"The file list of {source.Owner}/{source.Repository} is larger than {MaxListingBytes / (1024 * 1024)} MiB; it is not a model repository this can pull from.");

    private static string Describe(IReadOnlyList<TreeEntry> files) =>
        files.Count == 0 ? "none" : string.Join(", ", files.Take(12).Select(file => Printable(file.Path))) + (files.Count > 12 ? ", …" : string.Empty);

    /// <summary>A file name from the listing as a message may show it: printable, and short.</summary>
    private static string Printable(string name)
    {
        var clean = new string([.. name.Select(c => char.IsControl(c) ? '?' : c)]);
        return clean.Length <= MaxNameShown ? clean : clean[..MaxNameShown] + "…";
    }

    private static string Stem(string fileName)
    {
        var stem = SplitGgufName.TryParse(fileName, out var prefix, out _, out _) ? prefix : fileName;
        return stem.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? stem[..^".gguf".Length] : stem;
    }

    private sealed record TreeEntry(string Path, long? Size, string? Sha256)
    {
        public static TreeEntry From(JsonElement item)
        {
            var lfs = item.TryGetProperty("lfs", out var value) && value.ValueKind == JsonValueKind.Object ? value : (JsonElement?)null;
            var size = lfs is { } l && l.TryGetProperty("size", out var lfsSize) ? lfsSize.GetInt64()
                : item.TryGetProperty("size", out var plainSize) ? plainSize.GetInt64() : (long?)null;
            var oid = lfs is { } o && o.TryGetProperty("oid", out var lfsOid) ? lfsOid.GetString() : null;
            return new TreeEntry(item.GetProperty("path").GetString() ?? string.Empty, size, oid);
        }
    }
}
