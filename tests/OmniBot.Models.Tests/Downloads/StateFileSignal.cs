using OmniBot.Models.Downloads;

namespace OmniBot.Models.Tests.Downloads;

/// <summary>Signals when a download's resume state file is written with a state that satisfies a condition (inotify, no polling).</summary>
internal sealed class StateFileSignal : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly string _path;
    private readonly Func<DownloadState, bool> _condition;
    private readonly TaskCompletionSource _landed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StateFileSignal(string path, Func<DownloadState, bool> condition)
    {
        _path = path;
        _condition = condition;
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        _watcher.Created += (_, _) => Check();
        _watcher.Changed += (_, _) => Check();
        _watcher.Renamed += (_, _) => Check();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Completes once the state file holds a state the condition accepts.</summary>
    public Task Landed => _landed.Task;

    public void Dispose() => _watcher.Dispose();

    private void Check()
    {
        try
        {
            if (DownloadState.Load(_path) is { } state && _condition(state))
            {
                _landed.TrySetResult();
            }
        }
        catch (IOException)
        {
            // Caught between writes; the next event reads it again.
        }
    }
}
