using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OmniBot.Models.Downloads;
using OmniBot.Models.Store;

namespace OmniBot.Server.Pulls;

/// <summary>
/// Runs model pulls in the background for the APIs and the web UI. Starting a pull that is already running
/// joins it instead of downloading twice; finished pulls stay listed (latest first) so a reloaded page sees how they ended.
/// These pulls are requested over HTTP, so they take only remote sources (never a file on the server), reach only
/// what the <see cref="PullNetworkPolicy"/> allows, and run at most <see cref="PullOptions.MaxConcurrentPulls"/> at once.
/// Register with <see cref="PullServiceCollectionExtensions.AddModelPulls"/>, which sets up the guarded HTTP client.
/// </summary>
public sealed partial class ModelPullService(
    ModelStore store,
    IHttpClientFactory httpClients,
    ServerOptions options,
    PullNetworkPolicy policy,
    TimeProvider time,
    ILogger<ModelPullService> logger)
{
    public const string HttpClientName = "omnibot-pull";
    private const int FinishedJobsKept = 20;
    private readonly ConcurrentDictionary<string, PullJob> _jobs = new(StringComparer.Ordinal);
    private readonly Lock _startGate = new();

    /// <summary>Raised when a job starts, reports progress or ends.</summary>
    public event EventHandler<PullSnapshot>? Changed;

    /// <summary>Every running pull and the most recent finished ones, newest first.</summary>
    public IReadOnlyList<PullSnapshot> Jobs =>
        [.. _jobs.Values.Select(job => job.Snapshot).OrderByDescending(snapshot => snapshot.StartedAt)];

    public PullJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>
    /// Starts pulling <paramref name="source"/> (a catalog name, <c>hf:</c> source, URL or local file) into the store,
    /// stored as <paramref name="name"/> when given; or returns the running pull of the same source and name.
    /// </summary>
    /// <exception cref="InvalidModelNameException"><paramref name="name"/> is not a valid model name.</exception>
    /// <exception cref="ArgumentException"><paramref name="source"/> is empty or malformed, or <paramref name="sha256"/> is not 64 hex digits.</exception>
    /// <exception cref="PullRefusedException"><paramref name="source"/> is a path, or a URL of a loopback or private address.</exception>
    /// <exception cref="TooManyPullsException">As many pulls as allowed are running and this is not one of them.</exception>
    public PullJob Start(string source, string? name = null, string? sha256 = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        source = source.Trim();
        ModelRef? target = string.IsNullOrWhiteSpace(name) ? null : ModelRef.Parse(name.Trim());
        if (sha256 is not null && (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit)))
        {
            throw new ArgumentException($"'{sha256}' is not a sha256 digest: give 64 hex digits.", nameof(sha256));
        }

        CheckSource(source);

        lock (_startGate)
        {
            var running = _jobs.Values.FirstOrDefault(job => job.Snapshot.State == PullState.Running && job.Source == source && job.RequestedName == target?.ToString());
            if (running is not null)
            {
                return running;
            }

            var limit = options.Pulls.MaxConcurrentPulls;
            if (_jobs.Values.Count(job => job.Snapshot.State == PullState.Running) >= limit)
            {
                throw new TooManyPullsException(limit);
            }

            var job = new PullJob(Guid.NewGuid().ToString("N")[..12], source, target?.ToString(), time.GetUtcNow());
            job.Changed += (_, snapshot) => OnChanged(snapshot);
            _jobs[job.Id] = job;
            ForgetOldJobs();
            job.Run(current => PullAsync(current, target, sha256));
            Changed?.Invoke(this, job.Snapshot);
            return job;
        }
    }

    private async Task<ModelManifest> PullAsync(PullJob job, ModelRef? target, string? sha256)
    {
        // Leave the request's synchronisation context: the pull outlives whoever started it.
        await Task.Yield();
        LogStarted(job.Source, job.Id);
        using var http = httpClients.CreateClient(HttpClientName);
        http.Timeout = Timeout.InfiniteTimeSpan;
        var downloader = new ModelDownloader(http, new ModelDownloaderOptions { MaxFileBytes = options.Pulls.MaxFileBytes }, time);
        var puller = new ModelPuller(store, downloader, new ModelSourceResolver(http)) { AllowLocalFiles = false };
        return await puller.PullAsync(job.Source, target, sha256, new SynchronousProgress(job.Report), job.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses at once what the pull would refuse anyway: anything but a catalog name, hf: source or http(s) URL, and a
    /// URL whose host is a non-public address. Host names are checked when connecting, to the address actually used.
    /// </summary>
    private void CheckSource(string source)
    {
        ModelSource? remote;
        try
        {
            ModelSource.TryParseRemote(source, out remote);
        }
        catch (ModelDownloadException ex)
        {
            throw new ArgumentException(ex.Message, nameof(source), ex);
        }

        if (remote?.Uri is { } uri)
        {
            policy.EnsureAllowed(uri);
        }
        else if (remote is null && !ModelRef.TryParse(source, out _))
        {
            throw PullRefusedException.NotRemote(source);
        }
    }

    private void OnChanged(PullSnapshot snapshot)
    {
        if (snapshot.State == PullState.Failed)
        {
            LogFailed(snapshot.Source, snapshot.Error ?? string.Empty);
        }
        else if (snapshot.State == PullState.Succeeded)
        {
            LogSucceeded(snapshot.Source, snapshot.Manifest?.Ref.ToString() ?? string.Empty);
        }

        Changed?.Invoke(this, snapshot);
    }

    private void ForgetOldJobs()
    {
        foreach (var old in _jobs.Values.Select(job => job.Snapshot).Where(snapshot => snapshot.IsFinished).OrderByDescending(snapshot => snapshot.StartedAt).Skip(FinishedJobsKept))
        {
            _jobs.TryRemove(old.Id, out _);
        }
    }

    /// <summary>Reports on the downloader's thread, in order; <see cref="Progress{T}"/> would post to the thread pool and reorder.</summary>
    private sealed class SynchronousProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling {Source} (job {Id})")]
    private partial void LogStarted(string source, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled {Source} as {Name}")]
    private partial void LogSucceeded(string source, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pulling {Source} failed: {Error}")]
    private partial void LogFailed(string source, string error);
}
