using System.Threading.Channels;
using OmniBot.Engine.Errors;

namespace OmniBot.Engine.Embeddings;

/// <summary>
/// Owns an <see cref="EmbeddingContext"/> and runs every call on it, one at a time, on one dedicated long-lived
/// thread. A lock around thread-pool calls would serialize access too, but llama.cpp's CPU worker threads only
/// stay warm between evaluations that come from the same thread (the scheduler measured ~38% lost otherwise),
/// and a bounded queue lets an overloaded caller fail fast instead of piling up.
/// </summary>
internal sealed class EmbeddingWorker : IDisposable
{
    private readonly EmbeddingContext _context;
    private readonly Channel<Action<EmbeddingContext>> _queue;
    private readonly Thread _thread;
    private readonly int _capacity;
    private int _disposed;

    public EmbeddingWorker(EmbeddingContext context, int capacity, string name)
    {
        _context = context;
        _capacity = capacity;
        _queue = Channel.CreateBounded<Action<EmbeddingContext>>(new BoundedChannelOptions(capacity) { SingleReader = true });
        _thread = new Thread(Run) { IsBackground = true, Name = $"omnibot-embed {name}" };
        _thread.Start();
    }

    public EmbeddingContextPlan Plan => _context.Plan;

    /// <summary>Queues <paramref name="work"/> for the context's thread.</summary>
    /// <exception cref="EngineBusyException">The queue is full.</exception>
    public Task<T> RunAsync<T>(Func<EmbeddingContext, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Execute(EmbeddingContext context)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                completion.TrySetResult(work(context, cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellationToken);
            }
            catch (Exception exception)
            {
                completion.TrySetException(exception);
            }
        }

        if (!_queue.Writer.TryWrite(Execute))
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            throw new EngineBusyException(_capacity);
        }

        // A cancelled caller returns at once; the work itself stops at its next batch.
        return completion.Task.WaitAsync(cancellationToken);
    }

    private void Run()
    {
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var work))
            {
                work(_context);
            }
        }
    }

    /// <summary>Finishes the queued calls, then frees the context.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _thread.Join();
        _context.Dispose();
    }
}
