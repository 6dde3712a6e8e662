using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;
using OmniBot.Models.Gguf;
using OmniBot.Models.Store;

namespace OmniBot.Models.Downloads;

/// <summary>
/// Downloads one GGUF file into <c>partial-&lt;hash of URL&gt;</c> in a folder, resuming with HTTP Range after
/// any interruption (also in a later process: the resume state is saved beside the partial file), in parallel
/// ranges for large files, retrying transient failures with exponential back-off. The result is checked
/// against the published sha256 and validated as GGUF; a file failing either is deleted. Cancellation keeps
/// the partial file for the next attempt.
/// </summary>
public sealed class ModelDownloader
{
    public const string PartialPrefix = "partial-";

    private readonly HttpClient _httpClient;
    private readonly ModelDownloaderOptions _options;
    private readonly TimeProvider _timeProvider;

    public ModelDownloader(HttpClient httpClient, ModelDownloaderOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _options = options ?? new ModelDownloaderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.WriteBufferBytes, 4096, nameof(options));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The partial file a download of <paramref name="uri"/> into <paramref name="directory"/> uses.</summary>
    public static string GetPartialPath(string directory, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uri.AbsoluteUri)))[..32];
        return Path.Combine(directory, PartialPrefix + key);
    }

    /// <summary>
    /// Downloads (or finishes downloading) <paramref name="request"/> into <paramref name="directory"/> and
    /// returns the verified file, still under its partial name: the caller moves it where it belongs.
    /// </summary>
    public async Task<DownloadedFile> DownloadAsync(DownloadRequest request, string directory, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        EnsureWithinLimit(request, request.ExpectedSize);
        Directory.CreateDirectory(directory);
        var partialPath = GetPartialPath(directory, request.Uri);
        var statePath = partialPath + ".json";
        // The lock file stays behind (deleting a lock file others may be waiting on would break the lock); a dot hides it.
        var lockPath = Path.Combine(directory, "." + Path.GetFileName(partialPath) + ".lock");
        using var fileLock = await StoreFileLock.AcquireAsync(lockPath, _timeProvider, cancellationToken).ConfigureAwait(false);

        string? hashedInFlight = null;
        for (var restart = 0; ; restart++)
        {
            var state = LoadResumableState(request, partialPath, statePath);
            if (state is not null)
            {
                EnsureWithinLimit(request, state.TotalBytes, partialPath, statePath);
                EnsureFreeSpace(directory, state.TotalBytes, state.BytesDone);
            }
            else
            {
                state = await StartAsync(request, directory, partialPath, statePath, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var run = new DownloadRun(this, request, state, partialPath, statePath, progress);
                await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
                hashedInFlight = run.Digest;
                break;
            }
            catch (RangeIgnoredException) when (restart == 0)
            {
                // The server answered a range request with the whole file: start again without ranges.
                Delete(partialPath, statePath);
            }
            catch (DownloadTooLargeException)
            {
                // Resuming would only fetch more of what is already too much.
                Delete(partialPath, statePath);
                throw;
            }
        }

        return await VerifyAsync(request, partialPath, statePath, hashedInFlight, cancellationToken).ConfigureAwait(false);
    }

    internal ModelDownloaderOptions Options => _options;

    internal TimeProvider TimeProvider => _timeProvider;

    internal Task<HttpResponseMessage> SendAsync(DownloadRequest request, long? from, long? toInclusive, string? ifRange, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, request.Uri);
        if (from is { } start)
        {
            message.Headers.Range = new RangeHeaderValue(start, toInclusive);
            if (ifRange is not null && EntityTagHeaderValue.TryParse(ifRange, out var tag) && !tag.IsWeak)
            {
                message.Headers.IfRange = new RangeConditionHeaderValue(tag);
            }
        }

        if (request.BearerToken is { Length: > 0 } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Throws for answers that retrying cannot fix, and a transient error for those it may.</summary>
    internal static void ThrowForStatus(HttpResponseMessage response, Uri uri)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new HttpRequestException($"'{uri.Host}' answered {status}.", null, response.StatusCode);
        }

        throw new ModelDownloadException(response.StatusCode switch
        {
            HttpStatusCode.NotFound => $"'{uri}' was not found (404). Check the repository, file name and revision.",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"'{uri}' refused access ({status}). For a gated or private Hugging Face model, accept its licence on the website and set HF_TOKEN to an access token.",
            _ => $"'{uri}' answered {status}; the download cannot continue.",
        });
    }

    internal static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException => true,
        IOException => true,
        _ => false,
    };

    internal async Task DelayBeforeRetryAsync(int attempt, CancellationToken cancellationToken)
    {
        var delay = RetryDelay(_options, attempt);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Exponential back-off: the initial delay doubled for each retry in a row, capped.</summary>
    internal static TimeSpan RetryDelay(ModelDownloaderOptions options, int attempt) =>
        TimeSpan.FromTicks((long)Math.Min(options.MaxRetryDelay.Ticks, options.InitialRetryDelay.Ticks * Math.Pow(2, attempt - 1)));

    private static DownloadState? LoadResumableState(DownloadRequest request, string partialPath, string statePath)
    {
        var state = DownloadState.Load(statePath);
        var usable = state is not null
            && File.Exists(partialPath)
            && state.Url == request.Uri.AbsoluteUri
            && state.Segments.Count > 0;
        if (!usable)
        {
            Delete(partialPath, statePath);
            return null;
        }

        return state;
    }

    private async Task<DownloadState> StartAsync(DownloadRequest request, string directory, string partialPath, string statePath, CancellationToken cancellationToken)
    {
        var probe = await ProbeAsync(request, cancellationToken).ConfigureAwait(false);
        var total = probe.TotalBytes;
        EnsureWithinLimit(request, total);
        EnsureFreeSpace(directory, total, 0);
        // One range to start with; DownloadRun splits it when the connection turns out to be slow.
        var segments = new List<DownloadSegment> { new() { Start = 0, End = total } };

        var state = new DownloadState
        {
            Url = request.Uri.AbsoluteUri,
            TotalBytes = total,
            ETag = probe.ETag,
            ExpectedSha256 = NormalizeDigest(request.ExpectedSha256),
            SupportsRanges = probe.SupportsRanges,
            Segments = segments,
        };

        await using (var file = new FileStream(partialPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (total is { } length && probe.SupportsRanges)
            {
                file.SetLength(length);
            }
        }

        state.Save(statePath);
        return state;
    }

    private async Task<(long? TotalBytes, bool SupportsRanges, string? ETag)> ProbeAsync(DownloadRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await SendAsync(request, 0, 0, null, cancellationToken).ConfigureAwait(false);
                ThrowForStatus(response, request.Uri);
                var etag = response.Headers.ETag?.ToString()
                    ?? (response.Headers.TryGetValues("X-Linked-Etag", out var linked) ? linked.FirstOrDefault() : null);
                return response.StatusCode == HttpStatusCode.PartialContent
                    ? (response.Content.Headers.ContentRange?.Length ?? request.ExpectedSize, true, etag)
                    : (response.Content.Headers.ContentLength ?? request.ExpectedSize, false, etag);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken) && attempt <= _options.MaxRetries)
            {
                await DelayBeforeRetryAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                throw new ModelDownloadException($"'{request.Uri}' could not be reached after {attempt} attempts: {DownloadErrors.Describe(ex)} Check the network and try again; the download resumes where it stopped.", ex);
            }
        }
    }

    private void EnsureWithinLimit(DownloadRequest request, long? totalBytes, string? partialPath = null, string? statePath = null)
    {
        if (totalBytes > _options.MaxFileBytes)
        {
            if (partialPath is not null)
            {
                Delete(partialPath, statePath!);
            }

            throw new DownloadTooLargeException(request.Uri, totalBytes.Value, _options.MaxFileBytes);
        }
    }

    private void EnsureFreeSpace(string directory, long? totalBytes, long bytesDone)
    {
        if (totalBytes is not { } total)
        {
            return;
        }

        // A resumed, preallocated file may already occupy its full size; this counts what is still to arrive.
        var needed = total - bytesDone;
        var available = _options.FreeSpaceProbe?.Invoke(directory) ?? new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
        if (needed > available)
        {
            throw new InsufficientDiskSpaceException(directory, needed, available);
        }
    }

    private static async Task<DownloadedFile> VerifyAsync(DownloadRequest request, string partialPath, string statePath, string? hashedInFlight, CancellationToken cancellationToken)
    {
        var state = DownloadState.Load(statePath);
        var size = new FileInfo(partialPath).Length;
        if (state?.TotalBytes is { } total && total != size)
        {
            Delete(partialPath, statePath);
            throw new ModelDownloadException($"The download from '{request.Uri}' is {size:N0} bytes, but the server announced {total:N0}; it was deleted. Pull again.");
        }

        var digest = hashedInFlight ?? await BlobDigest.ComputeAsync(partialPath, cancellationToken).ConfigureAwait(false);
        var expected = NormalizeDigest(request.ExpectedSha256) ?? DigestFromETag(state?.ETag);
        if (expected is not null && expected != digest)
        {
            Delete(partialPath, statePath);
            throw new DigestMismatchException(request.Uri, expected, digest);
        }

        try
        {
            GgufReader.Read(partialPath);
        }
        catch (GgufFormatException ex)
        {
            Delete(partialPath, statePath);
            // What the reader found is the remote's content: it stays out of the message.
            throw new ModelDownloadException($"'{request.Uri}' did not give a valid GGUF model; the download was deleted. Check that the source is a .gguf file.", ex);
        }

        File.Delete(statePath);
        return new DownloadedFile(partialPath, digest, size);
    }

    /// <summary>Hugging Face and some CDNs put the sha256 of an LFS file in its ETag.</summary>
    private static string? DigestFromETag(string? etag)
    {
        var value = etag?.Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"');
        return BlobDigest.IsSha256Hex(value) ? BlobDigest.FromHex(value!) : null;
    }

    private static string? NormalizeDigest(string? digest) => digest is null ? null : BlobDigest.FromHex(BlobDigest.Hex(digest));

    private static void Delete(string partialPath, string statePath)
    {
        File.Delete(partialPath);
        File.Delete(statePath);
    }

    internal static SafeFileHandle OpenForWriting(string partialPath) =>
        File.OpenHandle(partialPath, FileMode.Open, FileAccess.Write, FileShare.Read, FileOptions.Asynchronous);
}
