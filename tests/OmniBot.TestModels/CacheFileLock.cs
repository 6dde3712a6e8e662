using System.Collections.Concurrent;

namespace OmniBot.TestModels;

/// <summary>
/// An exclusive lock on one cache entry, across threads (a monitor per entry) and across processes
/// (a <c>.lock</c> file opened with <see cref="FileShare.None"/>, which the OS releases if the holder dies).
/// </summary>
internal sealed class CacheFileLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim _gate;
    private readonly FileStream _lockFile;

    private CacheFileLock(SemaphoreSlim gate, FileStream lockFile)
    {
        _gate = gate;
        _lockFile = lockFile;
    }

    public static CacheFileLock Acquire(string entryPath, TimeSpan timeout)
    {
        var lockPath = entryPath + ".lock";
        var gate = Gates.GetOrAdd(Path.GetFullPath(lockPath), _ => new SemaphoreSlim(1, 1));
        if (!gate.Wait(timeout))
        {
            throw new TimeoutException($"Another thread held '{lockPath}' for over {timeout}; a test model generation is stuck.");
        }

        try
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                try
                {
                    return new CacheFileLock(gate, new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    // Another process is generating this entry; it finishes in seconds to minutes.
                    Thread.Sleep(RetryInterval);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public void Dispose()
    {
        _lockFile.Dispose();
        _gate.Release();
    }
}
