using System.Runtime.CompilerServices;
using System.Threading.Channels;
using OmniBot.Models.Downloads;
using OmniBot.Models.Store;

namespace OmniBot.Server.Pulls;

/// <summary>
/// One model download running in the background, independent of the request or page that started it, so
/// progress survives a page reload and several watchers (an Ollama client, the web UI) can follow it.
/// </summary>
public sealed class PullJob
{
    private readonly Lock _gate = new();
    private readonly List<Channel<PullSnapshot>> _watchers = [];
    private readonly CancellationTokenSource _cancellation = new();
    private PullSnapshot _snapshot;

    internal PullJob(string id, string source, string? requestedName, DateTimeOffset startedAt)
    {
        _snapshot = new PullSnapshot(id, source, requestedName, PullState.Running, null, null, null, startedAt);
    }

    public string Id => _snapshot.Id;

    public string Source => _snapshot.Source;

    public string? RequestedName => _snapshot.RequestedName;

    /// <summary>Raised on every change of <see cref="Snapshot"/> (progress, then the end).</summary>
    public event EventHandler<PullSnapshot>? Changed;

    public PullSnapshot Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>Completes when the pull ends, whatever the outcome (see <see cref="Snapshot"/>).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    internal CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>Stops the download; the partial file stays so a later pull of the same source resumes it.</summary>
    public void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    /// <summary>The current snapshot, then every change until the pull ends (the last one yielded is final).</summary>
    public async IAsyncEnumerable<PullSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<PullSnapshot>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        PullSnapshot first;
        lock (_gate)
        {
            first = _snapshot;
            if (!first.IsFinished)
            {
                _watchers.Add(channel);
            }
        }

        yield return first;
        if (first.IsFinished)
        {
            yield break;
        }

        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    internal void Run(Func<PullJob, Task<ModelManifest>> pull) => Completion = RunAsync(pull);

    internal void Report(DownloadProgress progress) => Update(snapshot => snapshot with { Progress = progress });

    private async Task RunAsync(Func<PullJob, Task<ModelManifest>> pull)
    {
        try
        {
            var manifest = await pull(this).ConfigureAwait(false);
            Update(snapshot => snapshot with { State = PullState.Succeeded, Manifest = manifest });
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            Update(snapshot => snapshot with { State = PullState.Cancelled, Error = "Cancelled; pull the same model again to resume." });
        }
        catch (Exception exception)
        {
            // A background pull has no caller to throw to: every failure (network, disk, digest, invalid GGUF)
            // becomes the job's error, which the watchers show.
            Update(snapshot => snapshot with { State = PullState.Failed, Error = exception.Message });
        }
        finally
        {
            _cancellation.Dispose();
        }
    }

    private void Update(Func<PullSnapshot, PullSnapshot> change)
    {
        PullSnapshot updated;
        Channel<PullSnapshot>[] watchers;
        lock (_gate)
        {
            if (_snapshot.IsFinished)
            {
                return;
            }

            updated = change(_snapshot);
            _snapshot = updated;
            watchers = [.. _watchers];
            if (updated.IsFinished)
            {
                _watchers.Clear();
            }
        }

        foreach (var watcher in watchers)
        {
            watcher.Writer.TryWrite(updated);
            if (updated.IsFinished)
            {
                watcher.Writer.TryComplete();
            }
        }

        Changed?.Invoke(this, updated);
    }
}
