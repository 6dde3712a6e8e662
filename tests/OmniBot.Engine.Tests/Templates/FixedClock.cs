namespace OmniBot.Engine.Tests.Templates;

/// <summary>A clock stopped at one local time (UTC zone), for <c>strftime_now</c>.</summary>
internal sealed class FixedClock(DateTime localTime) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(localTime, DateTimeKind.Utc));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
