namespace OmniBot.Engine.Speculation;

/// <summary>
/// Picks the draft length that gives the batch the most tokens per second: a draft of d guesses, each
/// holding with probability p until the first miss, yields 1 + p + … + p^d tokens for this slot, and
/// makes the decode cost that of d more tokens plus the time to draft them. Zero means drafting does not pay.
/// </summary>
internal static class DraftLengthPlanner
{
    /// <param name="costs">Measured decode times by batch size.</param>
    /// <param name="batchTokens">Tokens already in the batch, this slot's pending token included.</param>
    /// <param name="batchYield">Tokens the batch yields without drafts (one per generating slot).</param>
    /// <param name="maxLength">The longest draft on offer.</param>
    /// <param name="acceptance">Probability that a guess holds.</param>
    /// <param name="draftSecondsPerToken">Time to draft one guess (zero for prompt lookup).</param>
    public static int Choose(DecodeCostModel costs, int batchTokens, int batchYield, int maxLength, double acceptance, double draftSecondsPerToken)
    {
        if (maxLength <= 0 || !costs.HasMeasurements)
        {
            return Math.Max(maxLength, 0);
        }

        var best = 0;
        var bestRate = batchYield / costs.Estimate(batchTokens);
        var expected = 1.0;
        var power = 1.0;
        for (var length = 1; length <= maxLength; length++)
        {
            power *= acceptance;
            expected += power;
            var rate = (batchYield - 1 + expected) / (costs.Estimate(batchTokens + length) + length * draftSecondsPerToken);
            if (rate > bestRate)
            {
                (best, bestRate) = (length, rate);
            }
        }

        return best;
    }
}
