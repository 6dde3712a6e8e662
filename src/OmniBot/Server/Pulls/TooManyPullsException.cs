namespace OmniBot.Server.Pulls;

/// <summary>As many pulls as <see cref="PullOptions.MaxConcurrentPulls"/> are running; the new one was not started.</summary>
public sealed class TooManyPullsException(int limit)
    : Exception($"Too many pulls: the limit of {limit} running at once is reached. Wait for one to finish (or cancel one) and pull again.")
{
    public int Limit { get; } = limit;
}
