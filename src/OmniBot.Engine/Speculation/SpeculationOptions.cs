namespace OmniBot.Engine.Speculation;

/// <summary>
/// Speculative decoding: cheap guesses of the next tokens that the model verifies in the same decode.
/// The output is exactly what the model alone would produce (each position is sampled from the model
/// and a guess is kept only when it equals that sample); only the speed changes.
/// </summary>
public sealed record SpeculationOptions
{
    public static SpeculationOptions None { get; } = new() { Mode = SpeculationMode.None };

    public static SpeculationOptions PromptLookup { get; } = new() { Mode = SpeculationMode.PromptLookup };

    public SpeculationMode Mode { get; init; } = SpeculationMode.None;

    /// <summary>Most tokens guessed per step (K).</summary>
    public int MaxDraftTokens { get; init; } = 8;

    /// <summary>Longest n-gram prompt lookup matches; it tries shorter ones down to <see cref="MinNgramSize"/>.</summary>
    public int MaxNgramSize { get; init; } = 4;

    public int MinNgramSize { get; init; } = 2;

    /// <summary>
    /// Each step drafts only as many guesses as pay off, judged from this machine's measured decode times
    /// and how often the request's guesses came true lately (none at all when verifying costs more than it
    /// saves). False always drafts up to <see cref="MaxDraftTokens"/>.
    /// </summary>
    public bool AdaptiveLength { get; init; } = true;

    public void Validate()
    {
        if (MaxDraftTokens is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDraftTokens), "MaxDraftTokens must be between 1 and 64.");
        }

        if (MinNgramSize < 1 || MaxNgramSize < MinNgramSize)
        {
            throw new ArgumentOutOfRangeException(nameof(MinNgramSize), "Need 1 <= MinNgramSize <= MaxNgramSize.");
        }
    }
}
