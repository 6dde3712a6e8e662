namespace OmniBot.Models.Store;

/// <summary>
/// An exclusive lock held as an open lock file, so it works across processes as well as across threads
/// (FileShare.None is an OS-level lock on every platform .NET runs on). The file stays behind; only the open handle matters.
/// </summary>
internal sealed class StoreFileLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly FileStream _stream;

    private StoreFileLock(FileStream stream) => _stream = stream;

    public static async Task<StoreFileLock> AcquireAsync(string path, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryAcquire(path) is { } acquired)
            {
                return acquired;
            }

            // Another process or thread holds it; its work is short (a rename) or a download we want to wait for.
            await Task.Delay(PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    public static StoreFileLock? TryAcquire(string path)
    {
        try
        {
            return new StoreFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
