using System.Text.Json;
using OmniBot.Server;

namespace OmniBot.Tests.Server;

public sealed class KeepAliveTests
{
    [Theory]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("250ms", 0.25)]
    [InlineData("45", 45)]
    public void TryParse_Durations_GiveTheirLength(string text, double seconds)
    {
        Assert.True(KeepAlive.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("9223372036854775807")]
    [InlineData("1e999")]
    [InlineData("99999999999999h")]
    public void TryParse_NegativeOrLongerThanATimeSpanHolds_KeepsForever(string text)
    {
        Assert.True(KeepAlive.TryParse(text, out var value));
        Assert.Equal(Timeout.InfiniteTimeSpan, value);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("5 minutes")]
    [InlineData("m")]
    public void TryParse_NotADuration_IsRefused(string text) => Assert.False(KeepAlive.TryParse(text, out _));

    [Fact]
    public void FromJson_HugeNumber_KeepsForever()
    {
        using var document = JsonDocument.Parse("9223372036854775807");

        Assert.Equal(Timeout.InfiniteTimeSpan, KeepAlive.FromJson(document.RootElement));
    }
}
