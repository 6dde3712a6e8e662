using OmniBot.Engine.Text;

namespace OmniBot.Engine.Tests.Text;

public sealed class StopSequenceFilterTests
{
    [Fact]
    public void Append_StopSplitAcrossPieces_HoldsBackAndNeverReleasesTheStop()
    {
        var filter = new StopSequenceFilter(["</end>"]);

        var released = filter.Append("Hello </e") + filter.Append("nd> world");

        Assert.Equal("Hello ", released);
        Assert.True(filter.Stopped);
        Assert.Equal(string.Empty, filter.Flush());
    }

    [Fact]
    public void Append_PartialMatchThatDiverges_ReleasesHeldText()
    {
        var filter = new StopSequenceFilter(["STOP"]);

        Assert.Equal("a", filter.Append("aST"));
        Assert.Equal("STx", filter.Append("x"));
        Assert.False(filter.Stopped);
    }

    [Fact]
    public void Flush_AtEndOfStream_ReleasesAPossiblePrefix()
    {
        var filter = new StopSequenceFilter(["\n\nUser:"]);

        Assert.Equal("answer", filter.Append("answer\n\n"));
        Assert.Equal("\n\n", filter.Flush());
    }

    [Fact]
    public void Append_SeveralStops_EarliestWins()
    {
        var filter = new StopSequenceFilter(["world", "lo"]);

        Assert.Equal("Hel", filter.Append("Hello world"));
    }

    [Fact]
    public void Append_NoStops_PassesTextThrough()
    {
        var filter = new StopSequenceFilter([]);

        Assert.Equal("abc", filter.Append("abc"));
    }
}
