using OmniBot.Engine.Speculation;

namespace OmniBot.Engine.Tests.Speculation;

public sealed class DraftLengthPlannerTests
{
    // Measured on the 2-core CI machine for bench-0.5b Q8_0: a decode of n tokens against one of a single token.
    private static readonly double[] SmallCpu = [0, 1.00, 2.11, 2.50, 3.02, 3.93, 3.85, 4.17, 3.98, 4.98, 5.21, 5.46, 5.35, 6.78, 7.06, 7.28, 6.92, 8.19];

    private static DecodeCostModel Costs(Func<int, double> secondsFor, int sizes = 17)
    {
        var costs = new DecodeCostModel(512);
        for (var n = 1; n <= sizes; n++)
        {
            costs.Observe(n, secondsFor(n));
        }

        return costs;
    }

    [Fact]
    public void Choose_BatchesCostAboutOneToken_DraftsAllItCan()
    {
        var gpuLike = Costs(n => 0.010 + (0.0002 * n));

        Assert.Equal(8, DraftLengthPlanner.Choose(gpuLike, batchTokens: 1, batchYield: 1, maxLength: 8, acceptance: 0.8, draftSecondsPerToken: 0));
    }

    [Fact]
    public void Choose_SmallCpuAndUncertainGuesses_DoesNotDraft()
    {
        var cpu = Costs(n => SmallCpu[n] * 0.02);

        Assert.Equal(0, DraftLengthPlanner.Choose(cpu, batchTokens: 1, batchYield: 1, maxLength: 16, acceptance: 0.5, draftSecondsPerToken: 0));
    }

    [Fact]
    public void Choose_SmallCpuAndRepeatingText_DraftsTheCheapestLongBatch()
    {
        var cpu = Costs(n => SmallCpu[n] * 0.02);

        // With guesses that nearly always hold, 16 tokens for 6.92 single decodes beats every shorter draft.
        Assert.Equal(15, DraftLengthPlanner.Choose(cpu, batchTokens: 1, batchYield: 1, maxLength: 16, acceptance: 0.99, draftSecondsPerToken: 0));
    }

    [Fact]
    public void Choose_SlowDraftModel_DoesNotDraft()
    {
        var gpuLike = Costs(n => 0.010 + (0.0002 * n));

        Assert.Equal(0, DraftLengthPlanner.Choose(gpuLike, batchTokens: 1, batchYield: 1, maxLength: 8, acceptance: 0.3, draftSecondsPerToken: 0.008));
    }

    [Fact]
    public void Choose_NothingMeasuredYet_DraftsAllItCan()
    {
        Assert.Equal(6, DraftLengthPlanner.Choose(new DecodeCostModel(512), batchTokens: 1, batchYield: 1, maxLength: 6, acceptance: 0.5, draftSecondsPerToken: 0));
    }

    [Fact]
    public void Choose_NoGuessOnOffer_IsZero()
    {
        Assert.Equal(0, DraftLengthPlanner.Choose(Costs(_ => 0.01), batchTokens: 1, batchYield: 1, maxLength: 0, acceptance: 0.9, draftSecondsPerToken: 0));
    }
}
