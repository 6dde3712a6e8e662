using Microsoft.Win32.SafeHandles;

namespace OmniBot.Models.Downloads;

/// <summary>How <see cref="ModelDownloader"/> splits, retries and reports.</summary>
public sealed class ModelDownloaderOptions
{
    /// <summary>Files at least this large may be split into <see cref="ParallelRanges"/> ranges fetched at once.</summary>
    public long ParallelThreshold { get; init; } = 64L * 1024 * 1024;

    public int ParallelRanges { get; init; } = 4;

    /// <summary>
    /// A download starts on one connection, so the hash follows it byte by byte. Once it has run this long and the
    /// rest would take longer than this again at its speed (a throttled CDN connection), the rest is split into
    /// <see cref="ParallelRanges"/> ranges; a fast connection (a LAN, loopback) stays one stream. Zero splits at once.
    /// </summary>
    public TimeSpan SplitAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts in a row without progress before a transient error (5xx, timeout, reset) is given up on.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>The first back-off; each retry without progress doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection that delivers nothing for this long is dropped and resumed.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Bytes between two saves of the resume state, roughly what a killed process can lose (plus what arrives while
    /// a save flushes the file to disk: saves run beside the transfer, not in its way).
    /// </summary>
    public long CheckpointBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>The default <see cref="MaxFileBytes"/>: larger than any GGUF file a machine can load, small enough to stop an endless stream.</summary>
    public const long DefaultMaxFileBytes = 256L * 1024 * 1024 * 1024;

    /// <summary>
    /// The largest file a download accepts, checked against the size the source announces and against the bytes
    /// that actually arrive (a server that sends no length cannot fill the disk).
    /// </summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Bytes gathered from the network before one write to the partial file. A loopback or LAN read returns tens
    /// of kilobytes, and a write per read made a verified download a third slower than a plain copy. A slow server's
    /// bytes still reach the disk at least every 100 ms, and bytes read before a failure are written before it is reported.
    /// </summary>
    public int WriteBufferBytes { get; init; } = 1024 * 1024;

    /// <summary>Free bytes on the volume holding a folder; <see cref="DriveInfo"/> when not set.</summary>
    public Func<string, long>? FreeSpaceProbe { get; init; }

    /// <summary>
    /// Writes downloaded bytes at an offset of the partial file; <see cref="RandomAccess"/> when not set. A seam for
    /// tests: a disk that fills up mid-download cannot be made without root.
    /// </summary>
    internal Func<SafeFileHandle, ReadOnlyMemory<byte>, long, CancellationToken, ValueTask>? WriteAt { get; init; }
}
