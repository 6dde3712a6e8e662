namespace OmniBot.Web.Library;

/// <summary>
/// Coalesces many <see cref="Request"/> calls (a download reports progress many times a second) into at most one
/// <c>render</c> call per interval, run from a timer, so a page redraws a few times a second however fast events come.
/// </summary>
public sealed class RenderThrottle : IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _time;
    private readonly Func<Task> _render;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private long _lastRender;
    private bool _scheduled;
    private bool _disposed;

    public RenderThrottle(TimeProvider time, Func<Task> render, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(render);
        _time = time;
        _render = render;
        _interval = interval ?? DefaultInterval;
        _lastRender = time.GetTimestamp() - (long)(_interval.TotalSeconds * time.TimestampFrequency);
        _timer = time.CreateTimer(_ => _ = RenderAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Asks for a render: now if none ran within the interval, otherwise when the interval is over.</summary>
    public void Request()
    {
        lock (_gate)
        {
            if (_disposed || _scheduled)
            {
                // A render is already due; it will read the latest state.
                return;
            }

            _scheduled = true;
            var wait = _interval - _time.GetElapsedTime(_lastRender);
            _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private async Task RenderAsync()
    {
        lock (_gate)
        {
            _scheduled = false;
            _lastRender = _time.GetTimestamp();
            if (_disposed)
            {
                return;
            }
        }

        try
        {
            await _render().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The page's circuit closed between the request and the render.
        }
    }
}
