using System.Security.Cryptography;
using OmniBot.Models.Store;

namespace OmniBot.Models.Downloads;

/// <summary>
/// Hashes a download while it arrives: follows the contiguous prefix that is on disk (ranges finish out of
/// order, so it reads back the written bytes, still in the page cache) and so saves reading the whole file
/// again after the download.
/// </summary>
internal sealed class DownloadHasher : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly SemaphoreSlim _signal = new(0);
    private long _hashed;

    public long Hashed => Interlocked.Read(ref _hashed);

    /// <summary>Says more bytes are on disk (or that the download ended).</summary>
    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Hashes up to <paramref name="frontier"/> as it grows, until <paramref name="finished"/> says no more will come.</summary>
    public async Task RunAsync(string path, Func<long> frontier, Func<bool> finished, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.Asynchronous);
        var buffer = new byte[BufferSize];
        while (true)
        {
            // Read the flag first: a frontier read after it is final.
            var done = finished();
            var limit = frontier();
            while (_hashed < limit)
            {
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, (int)Math.Min(BufferSize, limit - _hashed)), _hashed, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("The partial download is shorter than the bytes written to it.");
                }

                _hash.AppendData(buffer, 0, read);
                Interlocked.Add(ref _hashed, read);
            }

            if (done)
            {
                return;
            }

            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public string GetDigest() => BlobDigest.Prefix + Convert.ToHexStringLower(_hash.GetCurrentHash());

    public void Dispose()
    {
        _hash.Dispose();
        _signal.Dispose();
    }
}
