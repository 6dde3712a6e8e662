using Microsoft.Win32.SafeHandles;

namespace OmniBot.Models.Downloads;

/// <summary>What a watcher and a later resume see of a run: progress reports and the saved resume state.</summary>
internal sealed partial class DownloadRun
{
    private void Advance(SafeFileHandle handle, int bytes)
    {
        if (Interlocked.Add(ref _sinceCheckpoint, bytes) >= _downloader.Options.CheckpointBytes)
        {
            StartCheckpoint(handle);
        }

        Report(force: false);
    }

    /// <summary>
    /// Saves the resume state in the background: flushing the file to disk takes as long as the disk needs,
    /// and the transfer goes on meanwhile. One checkpoint at a time; a failed one fails the download.
    /// </summary>
    private void StartCheckpoint(SafeFileHandle handle)
    {
        lock (_lock)
        {
            if (_checkpointInFlight.IsFaulted)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_checkpointInFlight.Exception!.InnerException!);
            }

            if (_checkpointInFlight.IsCompleted)
            {
                _checkpointInFlight = Task.Run(() => Checkpoint(handle));
            }
        }
    }

    private void Checkpoint(SafeFileHandle handle)
    {
        DownloadState snapshot;
        long sequence;
        lock (_lock)
        {
            Interlocked.Exchange(ref _sinceCheckpoint, 0);
            sequence = ++_checkpointsTaken;

            // Count the bytes before flushing, so the saved state never claims data that is not on disk.
            snapshot = new DownloadState
            {
                Url = _state.Url,
                TotalBytes = _state.TotalBytes,
                ETag = _state.ETag,
                ExpectedSha256 = _state.ExpectedSha256,
                SupportsRanges = _state.SupportsRanges,
                Segments = _state.Segments.Select(s => new DownloadSegment { Start = s.Start, End = s.End, Done = s.Done }).ToList(),
            };
        }

        // The flush is slow; the other ranges keep writing meanwhile. Checkpoints themselves go one at a time,
        // so an older snapshot never overwrites a newer one.
        lock (_checkpointLock)
        {
            if (sequence < _checkpointSaved)
            {
                return;
            }

            RandomAccess.FlushToDisk(handle);
            snapshot.Save(_statePath);
            _checkpointSaved = sequence;
        }
    }

    private void Report(bool force)
    {
        if (_progress is null)
        {
            return;
        }

        var time = _downloader.TimeProvider;
        var now = time.GetTimestamp();
        long done;
        lock (_lock)
        {
            if (!force && time.GetElapsedTime(_lastReport, now) < _downloader.Options.ProgressInterval)
            {
                return;
            }

            _lastReport = now;
            done = _state.BytesDone;
        }

        var seconds = time.GetElapsedTime(_startTimestamp, now).TotalSeconds;
        var speed = seconds > 0 ? (done - _startBytes) / seconds : 0;
        TimeSpan? eta = _state.TotalBytes is { } total && speed > 0 ? TimeSpan.FromSeconds((total - done) / speed) : null;
        _progress.Report(new DownloadProgress(_request.DisplayName, done, _state.TotalBytes, speed, eta));
    }
}
