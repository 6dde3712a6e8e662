using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>
/// Counts requests the server has completely finished (endpoint, stream and cleanup done), so a test can wait for
/// the server side of requests whose clients already left, without polling.
/// </summary>
internal sealed class FinishedRequests : IStartupFilter
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _finished;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            try
            {
                await following(context);
            }
            finally
            {
                OnFinished();
            }
        });
        next(app);
    };

    /// <summary>Completes once <paramref name="count"/> requests have finished since the server started.</summary>
    public Task WhenFinishedAsync(int count)
    {
        lock (_gate)
        {
            if (_finished >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    private void OnFinished()
    {
        lock (_gate)
        {
            _finished++;
            foreach (var waiter in _waiters.Where(waiter => waiter.Count <= _finished).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
