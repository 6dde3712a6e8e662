using Microsoft.Extensions.Time.Testing;
using OmniBot.Web.Library;

namespace OmniBot.Tests.Web.Library;

public sealed class RenderThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void Request_ManyWithinOneInterval_RendersAtOnceThenOnceWhenTheIntervalEnds()
    {
        var time = new FakeTimeProvider();
        var renders = 0;
        using var throttle = new RenderThrottle(time, () => { renders++; return Task.CompletedTask; }, Interval);

        throttle.Request();
        Assert.Equal(1, renders);

        throttle.Request();
        throttle.Request();
        throttle.Request();
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, renders);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, renders);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, renders);
    }

    [Fact]
    public void Request_AfterAQuietInterval_RendersAtOnce()
    {
        var time = new FakeTimeProvider();
        var renders = 0;
        using var throttle = new RenderThrottle(time, () => { renders++; return Task.CompletedTask; }, Interval);
        throttle.Request();

        time.Advance(TimeSpan.FromSeconds(1));
        throttle.Request();

        Assert.Equal(2, renders);
    }

    [Fact]
    public void Dispose_WithARenderPending_NeverRenders()
    {
        var time = new FakeTimeProvider();
        var renders = 0;
        var throttle = new RenderThrottle(time, () => { renders++; return Task.CompletedTask; }, Interval);
        throttle.Request();
        throttle.Request();

        throttle.Dispose();
        time.Advance(TimeSpan.FromSeconds(1));
        throttle.Request();

        Assert.Equal(1, renders);
    }

    [Fact]
    public void Request_RenderFailsBecauseThePageIsGone_IsIgnored()
    {
        var time = new FakeTimeProvider();
        using var throttle = new RenderThrottle(time, () => Task.FromException(new ObjectDisposedException("renderer")), Interval);

        throttle.Request();
        time.Advance(TimeSpan.FromSeconds(1));
        throttle.Request();
    }
}
