namespace OmniBot.Engine.Inference;

/// <summary>Running totals of one scheduler, updated by its loop and read from anywhere.</summary>
public sealed class SchedulerCounters
{
    private long _requests;
    private long _queued;
    private long _completed;
    private long _cancelled;
    private long _promptTokens;
    private long _promptTokensReused;
    private long _generatedTokens;
    private long _decodeCalls;
    private long _decodedTokens;
    private long _sharedPrefixTokens;
    private long _shiftedReuseTokens;
    private long _contextShifts;
    private long _diskCacheTokens;

    private readonly Lock _waitersGate = new();
    private readonly List<(Func<SchedulerCounters, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private int _waiterCount;

    public long Requests => Interlocked.Read(ref _requests);

    public long QueueLength => Interlocked.Read(ref _queued);

    public long Completed => Interlocked.Read(ref _completed);

    public long Cancelled => Interlocked.Read(ref _cancelled);

    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    /// <summary>Prompt tokens served from a slot's cache (prefix-cache hits).</summary>
    public long PromptTokensReused => Interlocked.Read(ref _promptTokensReused);

    public long GeneratedTokens => Interlocked.Read(ref _generatedTokens);

    /// <summary>Prompt tokens copied from another slot's cache instead of being evaluated.</summary>
    public long SharedPrefixTokens => Interlocked.Read(ref _sharedPrefixTokens);

    /// <summary>Prompt tokens reused by moving a later chunk of the cache into place.</summary>
    public long ShiftedReuseTokens => Interlocked.Read(ref _shiftedReuseTokens);

    public long ContextShifts => Interlocked.Read(ref _contextShifts);

    /// <summary>Prompt tokens restored from the persistent prompt cache instead of being evaluated.</summary>
    public long DiskCacheTokens => Interlocked.Read(ref _diskCacheTokens);

    public long DecodeCalls => Interlocked.Read(ref _decodeCalls);

    public long DecodedTokens => Interlocked.Read(ref _decodedTokens);

    /// <summary>
    /// Completes once <paramref name="condition"/> holds, checked now and whenever a request is queued, admitted,
    /// completed or cancelled (not per token): for callers that wait on the scheduler's progress without polling.
    /// </summary>
    public Task WhenAsync(Func<SchedulerCounters, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        _ = done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        lock (_waitersGate)
        {
            _waiters.Add((condition, done));
            Volatile.Write(ref _waiterCount, _waiters.Count);
        }

        Notify();
        return done.Task;
    }

    internal void OnEnqueued()
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _queued);
        Notify();
    }

    internal void OnDequeued()
    {
        Interlocked.Decrement(ref _queued);
        Notify();
    }

    internal void OnCompleted()
    {
        Interlocked.Increment(ref _completed);
        Notify();
    }

    internal void OnCancelled()
    {
        Interlocked.Increment(ref _cancelled);
        Notify();
    }

    private void Notify()
    {
        if (Volatile.Read(ref _waiterCount) == 0)
        {
            return;
        }

        lock (_waitersGate)
        {
            _waiters.RemoveAll(waiter => waiter.Done.Task.IsCompleted || (waiter.Condition(this) && waiter.Done.TrySetResult()));
            Volatile.Write(ref _waiterCount, _waiters.Count);
        }
    }

    internal void AddPrompt(int tokens, int reused)
    {
        Interlocked.Add(ref _promptTokens, tokens);
        Interlocked.Add(ref _promptTokensReused, reused);
    }

    internal void AddGenerated(int tokens) => Interlocked.Add(ref _generatedTokens, tokens);

    internal void AddSharedPrefix(int tokens) => Interlocked.Add(ref _sharedPrefixTokens, tokens);

    internal void AddShiftedReuse(int tokens) => Interlocked.Add(ref _shiftedReuseTokens, tokens);

    internal void AddContextShift() => Interlocked.Increment(ref _contextShifts);

    internal void AddDiskCacheHit(int tokens) => Interlocked.Add(ref _diskCacheTokens, tokens);

    internal void AddDecode(int tokens)
    {
        Interlocked.Increment(ref _decodeCalls);
        Interlocked.Add(ref _decodedTokens, tokens);
    }
}
