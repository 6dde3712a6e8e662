using System.Security.Cryptography;
using System.Text;

namespace OmniBot.TestModels;

/// <summary>
/// An exclusive lock on one cache entry across threads and processes: a named mutex per entry, which the
/// OS hands on when its holder releases it or dies (then it is "abandoned", and still ours to take).
/// </summary>
internal sealed class CacheFileLock : IDisposable
{
    private readonly Mutex _mutex;

    private CacheFileLock(Mutex mutex) => _mutex = mutex;

    public static CacheFileLock Acquire(string entryPath, TimeSpan timeout)
    {
        var name = "omnibot-test-model-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(entryPath))))[..32];
        var mutex = new Mutex(initiallyOwned: false, name);
        try
        {
            if (!mutex.WaitOne(timeout))
            {
                throw new TimeoutException($"Another test held the lock on '{entryPath}' for over {timeout}; a test model generation is stuck.");
            }
        }
        catch (AbandonedMutexException)
        {
            // The holder died mid-generation; its temporary file is never renamed into place, so we go on.
        }
        catch
        {
            mutex.Dispose();
            throw;
        }

        return new CacheFileLock(mutex);
    }

    public void Dispose()
    {
        _mutex.ReleaseMutex();
        _mutex.Dispose();
    }
}
