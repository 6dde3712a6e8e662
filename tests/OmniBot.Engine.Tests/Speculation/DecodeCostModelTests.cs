using OmniBot.Engine.Speculation;

namespace OmniBot.Engine.Tests.Speculation;

public sealed class DecodeCostModelTests
{
    [Fact]
    public void Estimate_MeasuredSize_IsItsMeasurement()
    {
        var costs = new DecodeCostModel(64);
        costs.Observe(4, 0.040);

        Assert.Equal(0.040, costs.Estimate(4), 9);
    }

    [Fact]
    public void Estimate_BetweenMeasuredSizes_IsOnTheLineBetweenThem()
    {
        var costs = new DecodeCostModel(64);
        costs.Observe(1, 0.010);
        costs.Observe(11, 0.110);

        Assert.Equal(0.060, costs.Estimate(6), 9);
    }

    [Fact]
    public void Estimate_PastTheLargestMeasuredSize_AssumesItsCostSoTheSizeGetsTried()
    {
        var costs = new DecodeCostModel(64);
        costs.Observe(1, 0.010);

        Assert.Equal(0.010, costs.Estimate(9), 9);
    }

    [Fact]
    public void Observe_RepeatedSize_MovesTowardTheNewTimesWithoutJumping()
    {
        var costs = new DecodeCostModel(64);
        costs.Observe(2, 0.020);
        costs.Observe(2, 0.040);

        Assert.InRange(costs.Estimate(2), 0.0201, 0.0399);
    }

    [Fact]
    public void Observe_SizeOutsideTheTable_IsIgnored()
    {
        var costs = new DecodeCostModel(8);
        costs.Observe(9, 1.0);
        costs.Observe(0, 1.0);

        Assert.False(costs.HasMeasurements);
    }
}
