using OmniBot.Engine.Inference;
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

    [Fact]
    public void Append_OverlappingStopPrefixes_FindsTheStopAfterAFalseStart()
    {
        var filter = new StopSequenceFilter(["aab"]);

        Assert.Equal("x", filter.Append("xaa"));
        Assert.Equal("a", filter.Append("a"));
        Assert.Equal(string.Empty, filter.Append("b tail"));
        Assert.True(filter.Stopped);
    }

    [Fact]
    public void Append_LongestAllowedStopHeldBackCharacterByCharacter_StaysLinear()
    {
        var stop = new string('a', GenerationOptions.MaxStopSequenceLength - 1) + "b";
        var filter = new StopSequenceFilter([stop, "zz"]);
        var released = new System.Text.StringBuilder();

        for (var i = 0; i < 50_000; i++)
        {
            released.Append(filter.Append("a"));
        }

        released.Append(filter.Append("b and more"));

        Assert.True(filter.Stopped);
        Assert.Equal(50_000 - (stop.Length - 1), released.Length);
    }
}
