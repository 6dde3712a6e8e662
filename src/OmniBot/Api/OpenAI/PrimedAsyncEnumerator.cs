namespace OmniBot.Api.OpenAI;

/// <summary>
/// An enumeration whose first item was already awaited. A streamed answer is started this way before the response
/// begins, so a failure there (busy model, prompt too long, bad option) is still answered with an error status
/// instead of a stream that breaks off.
/// </summary>
internal sealed class PrimedAsyncEnumerator<T> : IAsyncDisposable
{
    private readonly IAsyncEnumerator<T> _inner;
    private bool _firstPending;
    private bool _finished;

    private PrimedAsyncEnumerator(IAsyncEnumerator<T> inner, bool hasFirst)
    {
        _inner = inner;
        _firstPending = hasFirst;
        _finished = !hasFirst;
    }

    public T Current => _inner.Current;

    /// <summary>Starts <paramref name="source"/> and waits for its first item; on failure the enumeration is disposed and the exception thrown.</summary>
    public static async Task<PrimedAsyncEnumerator<T>> StartAsync(IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var inner = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            var hasFirst = await inner.MoveNextAsync().ConfigureAwait(false);
            return new PrimedAsyncEnumerator<T>(inner, hasFirst);
        }
        catch
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask<bool> MoveNextAsync()
    {
        if (_firstPending)
        {
            _firstPending = false;
            return true;
        }

        if (_finished)
        {
            return false;
        }

        _finished = !await _inner.MoveNextAsync().ConfigureAwait(false);
        return !_finished;
    }

    /// <summary>The failure that ended <see cref="MoveNextOrFailAsync"/>; null when the stream ended normally.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>
    /// Like <see cref="MoveNextAsync"/>, but a failure of the generation (not a cancellation) ends the stream and is
    /// kept in <see cref="Failure"/>, so a stream that has started can report it in-band.
    /// </summary>
    public async ValueTask<bool> MoveNextOrFailAsync()
    {
        try
        {
            return await MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Failure = exception;
            _finished = true;
            return false;
        }
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
