using System.Buffers;
using System.Net;
using Microsoft.Win32.SafeHandles;

namespace OmniBot.Models.Downloads;

/// <summary>One attempt at the unfinished ranges of a download: fetches them at once, writes each at its offset, saves the resume state.</summary>
internal sealed partial class DownloadRun
{
    private const int MinimumRangeBytes = 16 * 1024;
    private static readonly TimeSpan FillLimit = TimeSpan.FromMilliseconds(100);
    private const int DiskFullErrno = 28;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    private readonly ModelDownloader _downloader;
    private readonly DownloadRequest _request;
    private readonly DownloadState _state;
    private readonly string _partialPath;
    private readonly string _statePath;
    private readonly IProgress<DownloadProgress>? _progress;
    private readonly Lock _lock = new();
    private readonly Lock _checkpointLock = new();
    private long _checkpointsTaken;
    private Task _checkpointInFlight = Task.CompletedTask;
    private long _checkpointSaved;
    private readonly long _startBytes;
    private readonly long _startTimestamp;
    private long _lastReport;
    private long _sinceCheckpoint;
    private DownloadHasher? _hasher;
    private readonly List<Task> _fetches = [];
    private CancellationTokenSource? _failed;
    private SafeFileHandle? _handle;
    private bool _split;

    public DownloadRun(ModelDownloader downloader, DownloadRequest request, DownloadState state, string partialPath, string statePath, IProgress<DownloadProgress>? progress)
    {
        _downloader = downloader;
        _request = request;
        _state = state;
        _partialPath = partialPath;
        _statePath = statePath;
        _progress = progress;
        _startBytes = state.BytesDone;
        _startTimestamp = downloader.TimeProvider.GetTimestamp();
        _lastReport = _startTimestamp;
    }

    /// <summary>The sha256 hashed in flight, when every byte was hashed; null means hash the file afterwards.</summary>
    public string? Digest { get; private set; }

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        using var handle = ModelDownloader.OpenForWriting(_partialPath);
        // Watchers learn the size and the bytes kept from an earlier attempt at once, even if the server then sends nothing.
        Report(force: true);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Without ranges a retry rewrites the file from the start, which a running hash cannot follow.
        using var hasher = _state.SupportsRanges ? new DownloadHasher() : null;
        _hasher = hasher;
        var finished = 0;
        var hashing = hasher?.RunAsync(_partialPath, ContiguousBytes, () => Volatile.Read(ref finished) == 1, failed.Token) ?? Task.CompletedTask;
        _failed = failed;
        _handle = handle;
        lock (_lock)
        {
            _fetches.AddRange(_state.Segments.Where(segment => !segment.IsComplete).Select(segment => FetchSegmentAsync(handle, segment, failed)));
        }

        var succeeded = false;
        try
        {
            // A split adds fetches while these run: wait until a round adds none.
            Task[] tasks;
            do
            {
                lock (_lock)
                {
                    tasks = [.. _fetches];
                }

                try
                {
                    await Task.WhenAll(tasks).ConfigureAwait(false);
                }
                catch when (tasks.Select(task => task.Exception?.InnerException).FirstOrDefault(ex => ex is not null and not OperationCanceledException) is { } first)
                {
                    // Report the range that failed, not the ones cancelled because of it.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
                }
            }
            while (FetchCount() != tasks.Length);

            succeeded = true;
        }
        finally
        {
            // The last word on disk is this run's final state, saved after any checkpoint still in flight.
            await _checkpointInFlight.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Checkpoint(handle);
            if (!succeeded)
            {
                await failed.CancelAsync().ConfigureAwait(false);

                // What a resume will keep: a stopped pull shows the bytes saved, not those of its last timed report.
                Report(force: true);
            }

            Volatile.Write(ref finished, 1);
            hasher?.Notify();
            var hashed = await hashing.ContinueWith(task => task.IsCompletedSuccessfully, TaskScheduler.Default).ConfigureAwait(false);
            _hasher = null;
            if (succeeded && hashed && hasher is not null && _state.TotalBytes is { } total && hasher.Hashed == total)
            {
                Digest = hasher.GetDigest();
            }
        }

        if (_state.TotalBytes is null)
        {
            _state.TotalBytes = _state.BytesDone;
            _state.Save(_statePath);
        }

        Report(force: true);
    }

    private int FetchCount()
    {
        lock (_lock)
        {
            return _fetches.Count;
        }
    }

    /// <summary>Bytes from the start of the file that are all on disk.</summary>
    private long ContiguousBytes()
    {
        lock (_lock)
        {
            long frontier = 0;
            foreach (var segment in _state.Segments)
            {
                frontier = segment.Start + segment.Done;
                if (!segment.IsComplete)
                {
                    break;
                }
            }

            return frontier;
        }
    }

    /// <summary>
    /// Splits the rest of a slow single-connection download into parallel ranges (once per run). Runs on the thread
    /// fetching <paramref name="segment"/>, which then stops at its new end.
    /// </summary>
    private void SplitIfSlow(DownloadSegment segment)
    {
        var options = _downloader.Options;
        if (Volatile.Read(ref _split) || !_state.SupportsRanges || options.ParallelRanges < 2 || _state.TotalBytes is not { } total
            || total < options.ParallelThreshold || segment.End is not { } end || _failed is null || _handle is null)
        {
            return;
        }

        var elapsed = _downloader.TimeProvider.GetElapsedTime(_startTimestamp);
        lock (_lock)
        {
            // Only a download on one connection is split, once; a resumed parallel download keeps its ranges.
            if (_split || _state.Segments.Count(candidate => !candidate.IsComplete) != 1)
            {
                return;
            }

            var position = segment.Start + segment.Done;
            var remaining = end - position;
            if (options.SplitAfter > TimeSpan.Zero)
            {
                var bytesPerSecond = (_state.BytesDone - _startBytes) / Math.Max(elapsed.TotalSeconds, 1e-6);
                if (elapsed < options.SplitAfter || remaining / bytesPerSecond < options.SplitAfter.TotalSeconds)
                {
                    return;
                }
            }

            var length = remaining / options.ParallelRanges;
            if (length < MinimumRangeBytes)
            {
                return;
            }

            _split = true;
            var index = _state.Segments.IndexOf(segment);
            segment.End = position + length;
            for (var part = 1; part < options.ParallelRanges; part++)
            {
                var added = new DownloadSegment
                {
                    Start = position + (part * length),
                    End = part == options.ParallelRanges - 1 ? end : position + ((part + 1) * length),
                };
                _state.Segments.Insert(index + part, added);
                _fetches.Add(FetchSegmentAsync(_handle, added, _failed));
            }
        }
    }

    private async Task FetchSegmentAsync(SafeFileHandle handle, DownloadSegment segment, CancellationTokenSource failed)
    {
        var cancellationToken = failed.Token;
        try
        {
            var attempt = 0;
            while (!segment.IsComplete)
            {
                var before = segment.Done;
                try
                {
                    await FetchOnceAsync(handle, segment, cancellationToken).ConfigureAwait(false);
                    if (segment.End is null)
                    {
                        // Without a known size the end of the stream is the end of the file.
                        segment.End = segment.Start + segment.Done;
                    }
                    else if (!segment.IsComplete)
                    {
                        throw new IOException("The server ended the response before the end of the range.");
                    }
                }
                catch (Exception ex) when (ModelDownloader.IsTransient(ex, cancellationToken))
                {
                    attempt = segment.Done > before ? 1 : attempt + 1;
                    if (attempt > _downloader.Options.MaxRetries)
                    {
                        throw new ModelDownloadException(
                            $"Downloading '{_request.Uri}' failed {attempt} times in a row: {DownloadErrors.Describe(ex)} The partial download is kept; pull again to resume.", ex);
                    }

                    await _downloader.DelayBeforeRetryAsync(attempt, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task FetchOnceAsync(SafeFileHandle handle, DownloadSegment segment, CancellationToken cancellationToken)
    {
        if (!_state.SupportsRanges)
        {
            segment.Done = 0;
        }

        var offset = segment.Start + segment.Done;
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _downloader.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        stall.CancelAfter(_downloader.Options.StallTimeout);
        using var response = await _downloader.SendAsync(
            _request,
            _state.SupportsRanges ? offset : null,
            _state.SupportsRanges && segment.End is { } end ? end - 1 : null,
            _state.ETag,
            linked.Token).ConfigureAwait(false);
        ModelDownloader.ThrowForStatus(response, _request.Uri);
        if (_state.SupportsRanges)
        {
            if (response.StatusCode != HttpStatusCode.PartialContent)
            {
                if (offset != 0 || _state.Segments.Count != 1)
                {
                    throw new RangeIgnoredException();
                }
            }
            else if (response.Content.Headers.ContentRange?.From is { } from && from != offset)
            {
                throw new IOException($"The server sent bytes from {from} when asked for {offset}.");
            }
        }

        await using var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(_downloader.Options.WriteBufferBytes);
        try
        {
            while (true)
            {
                var position = segment.Start + segment.Done;
                var room = RoomLeft(segment, position);
                if (room == 0)
                {
                    return;
                }

                var fill = await FillAsync(body, buffer.AsMemory(0, room), stall, linked.Token).ConfigureAwait(false);

                // A split may have handed this range's tail to another connection while the buffer filled.
                var read = Math.Min(fill.Read, RoomLeft(segment, position));
                if (segment.End is null && position + read > _downloader.Options.MaxFileBytes)
                {
                    throw new DownloadTooLargeException(_request.Uri, position + read, _downloader.Options.MaxFileBytes);
                }

                if (read > 0)
                {
                    // Bytes received before a failure are kept too (a resume starts after them), so that write
                    // must not be cancelled with the read.
                    await WriteAsync(handle, buffer.AsMemory(0, read), position, fill.Error is null ? cancellationToken : CancellationToken.None).ConfigureAwait(false);
                    lock (_lock)
                    {
                        segment.Done += read;
                    }

                    _hasher?.Notify();
                    Advance(handle, read);
                    SplitIfSlow(segment);
                }

                fill.Error?.Throw();
                if (fill.Ended)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int RoomLeft(DownloadSegment segment, long position)
    {
        lock (_lock)
        {
            var size = _downloader.Options.WriteBufferBytes;
            return segment.End is { } end ? (int)Math.Clamp(end - position, 0, size) : size;
        }
    }

    /// <summary>
    /// Reads until the buffer is full, the body ends, or a write is due: one large write per buffer instead of
    /// one per network read (on loopback a read returns tens of kilobytes), yet a slow server's bytes still reach
    /// the disk every <see cref="FillLimit"/>. A failure comes back with the bytes read before it.
    /// </summary>
    private async Task<BufferFill> FillAsync(Stream body, Memory<byte> buffer, CancellationTokenSource stall, CancellationToken cancellationToken)
    {
        var filled = 0;
        var started = _downloader.TimeProvider.GetTimestamp();
        try
        {
            while (filled < buffer.Length)
            {
                stall.CancelAfter(_downloader.Options.StallTimeout);
                var read = await body.ReadAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new BufferFill(filled, Ended: true, Error: null);
                }

                filled += read;
                if (_downloader.TimeProvider.GetElapsedTime(started) >= FillLimit)
                {
                    break;
                }
            }

            return new BufferFill(filled, Ended: false, Error: null);
        }
        catch (Exception ex) when (filled > 0)
        {
            return new BufferFill(filled, Ended: false, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex));
        }
    }

    private readonly record struct BufferFill(int Read, bool Ended, System.Runtime.ExceptionServices.ExceptionDispatchInfo? Error);

    private async Task WriteAsync(SafeFileHandle handle, ReadOnlyMemory<byte> data, long position, CancellationToken cancellationToken)
    {
        try
        {
            var write = _downloader.Options.WriteAt ?? RandomAccess.WriteAsync;
            await write(handle, data, position, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (ex.HResult is DiskFullErrno or WindowsDiskFull or WindowsHandleDiskFull)
        {
            throw new InsufficientDiskSpaceException(
                $"The disk filled up while writing '{_partialPath}' ({ex.Message}). Free some space (omnibot rm) and pull again to resume.", ex);
        }
        catch (IOException ex)
        {
            throw new ModelDownloadException($"Writing '{_partialPath}' failed: {ex.Message}", ex);
        }
    }
}
