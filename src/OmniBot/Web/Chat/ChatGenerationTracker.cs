using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace OmniBot.Web.Chat;

/// <summary>
/// Knows every reply being generated in any browser tab, so that stopping the server stops them first and waits
/// until each has saved its partial text (a restart then shows what was written, marked as stopped).
/// </summary>
public sealed class ChatGenerationTracker : IHostedLifecycleService
{
    private readonly ConcurrentDictionary<int, (CancellationTokenSource Stop, TaskCompletionSource Saved)> _running = new();
    private int _next;

    public int RunningCount => _running.Count;

    /// <summary>Registers a reply about to run; dispose the registration once the reply has ended and been saved.</summary>
    public IDisposable Track(CancellationTokenSource stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        var key = Interlocked.Increment(ref _next);
        var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running[key] = (stop, saved);
        return new Registration(this, key, saved);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs before any hosted service stops, the web server included (which may wait for open pages to go): replies must
    /// not go on generating while it waits.
    /// </summary>
    public Task StoppingAsync(CancellationToken cancellationToken) => StopRepliesAsync(cancellationToken);

    /// <summary>Catches replies started after <see cref="StoppingAsync"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => StopRepliesAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops every reply and waits (until the host's shutdown timeout) for each to be saved.</summary>
    private async Task StopRepliesAsync(CancellationToken cancellationToken)
    {
        var running = _running.Values.ToList();
        foreach (var (stop, _) in running)
        {
            try
            {
                await stop.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The reply ended between the snapshot and the cancel.
            }
        }

        try
        {
            await Task.WhenAll(running.Select(entry => entry.Saved.Task)).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host gave up waiting; what was saved every half second stays saved.
        }
    }

    private sealed class Registration(ChatGenerationTracker tracker, int key, TaskCompletionSource saved) : IDisposable
    {
        public void Dispose()
        {
            tracker._running.TryRemove(key, out _);
            saved.TrySetResult();
        }
    }
}
