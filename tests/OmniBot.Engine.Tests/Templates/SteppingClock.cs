namespace OmniBot.Engine.Tests.Templates;

/// <summary>A clock that moves on by a fixed step each time it is read, so a render's time budget runs out deterministically.</summary>
internal sealed class SteppingClock(TimeSpan step) : TimeProvider
{
    private long _timestamp;

    public int Reads { get; private set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        Reads++;
        _timestamp += step.Ticks;
        return _timestamp;
    }
}
