namespace OmniBot.Engine.Speculation;

/// <summary>
/// A draft model that stopped drafting (its guesses did not pay) learns nothing more, so now and then it
/// tries one guess; each failed try doubles the wait, so a draft that never agrees costs almost nothing.
/// </summary>
internal static class DraftRetry
{
    public const int FirstInterval = 16;

    public const int LongestInterval = 512;
}
