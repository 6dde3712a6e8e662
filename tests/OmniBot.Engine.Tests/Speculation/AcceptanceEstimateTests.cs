using OmniBot.Engine.Speculation;

namespace OmniBot.Engine.Tests.Speculation;

public sealed class AcceptanceEstimateTests
{
    [Fact]
    public void Probability_Untried_IsOneInTwo() => Assert.Equal(0.5, new AcceptanceEstimate().Probability, 9);

    [Fact]
    public void Record_DraftsAcceptedWhole_RaisesItTowardOne()
    {
        var estimate = new AcceptanceEstimate();
        for (var i = 0; i < 5; i++)
        {
            estimate.Record(accepted: 8, missed: false);
        }

        Assert.True(estimate.Probability > 0.95, $"{estimate.Probability}");
    }

    [Fact]
    public void Record_MissesAfterAGoodRun_BringItDownWithinAFewDrafts()
    {
        var estimate = new AcceptanceEstimate();
        estimate.Record(accepted: 8, missed: false);
        for (var i = 0; i < 12; i++)
        {
            estimate.Record(accepted: 0, missed: true);
        }

        Assert.True(estimate.Probability < 0.3, $"{estimate.Probability}");
    }
}
