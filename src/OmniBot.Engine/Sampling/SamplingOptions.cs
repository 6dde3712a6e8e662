namespace OmniBot.Engine.Sampling;

/// <summary>
/// How the next token is chosen. Defaults follow llama.cpp's server; a temperature of 0 is greedy.
/// </summary>
public sealed record SamplingOptions
{
    public static SamplingOptions Default { get; } = new();

    public static SamplingOptions Greedy { get; } = new() { Temperature = 0 };

    public float Temperature { get; init; } = 0.8f;

    /// <summary>0 disables top-k.</summary>
    public int TopK { get; init; } = 40;

    /// <summary>1 disables top-p.</summary>
    public float TopP { get; init; } = 0.95f;

    /// <summary>0 disables min-p.</summary>
    public float MinP { get; init; } = 0.05f;

    /// <summary>1 disables locally typical sampling.</summary>
    public float TypicalP { get; init; } = 1.0f;

    /// <summary>1 disables the repeat penalty.</summary>
    public float RepeatPenalty { get; init; } = 1.0f;

    public float FrequencyPenalty { get; init; }

    public float PresencePenalty { get; init; }

    /// <summary>How many recent tokens the penalties look at; -1 means the whole context.</summary>
    public int PenaltyLastN { get; init; } = 64;

    /// <summary>0 disables DRY (don't repeat yourself).</summary>
    public float DryMultiplier { get; init; }

    public float DryBase { get; init; } = 1.75f;

    public int DryAllowedLength { get; init; } = 2;

    /// <summary>-1 means the whole context.</summary>
    public int DryPenaltyLastN { get; init; } = -1;

    public IReadOnlyList<string> DrySequenceBreakers { get; init; } = ["\n", ":", "\"", "*"];

    /// <summary>0 disables XTC (exclude top choices).</summary>
    public float XtcProbability { get; init; }

    public float XtcThreshold { get; init; } = 0.1f;

    /// <summary>Token id → bias added to its logit; negative infinity bans a token.</summary>
    public IReadOnlyDictionary<int, float> LogitBias { get; init; } = new Dictionary<int, float>();

    /// <summary>A fixed seed makes sampling reproducible; null picks a random one.</summary>
    public uint? Seed { get; init; }

    public bool IsGreedy => Temperature <= 0;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(Temperature >= 0 && float.IsFinite(Temperature), nameof(Temperature), "must be a finite number >= 0");
        Require(TopK >= 0, nameof(TopK), "must be >= 0 (0 disables it)");
        Require(TopP is > 0 and <= 1, nameof(TopP), "must be in (0, 1]");
        Require(MinP is >= 0 and <= 1, nameof(MinP), "must be in [0, 1]");
        Require(TypicalP is > 0 and <= 1, nameof(TypicalP), "must be in (0, 1]");
        Require(RepeatPenalty > 0 && float.IsFinite(RepeatPenalty), nameof(RepeatPenalty), "must be > 0 (1 disables it)");
        Require(float.IsFinite(FrequencyPenalty), nameof(FrequencyPenalty), "must be finite");
        Require(float.IsFinite(PresencePenalty), nameof(PresencePenalty), "must be finite");
        Require(PenaltyLastN >= -1, nameof(PenaltyLastN), "must be >= -1");
        Require(DryMultiplier >= 0, nameof(DryMultiplier), "must be >= 0");
        Require(DryBase >= 1, nameof(DryBase), "must be >= 1");
        Require(DryAllowedLength >= 0, nameof(DryAllowedLength), "must be >= 0");
        Require(DryPenaltyLastN >= -1, nameof(DryPenaltyLastN), "must be >= -1");
        Require(XtcProbability is >= 0 and <= 1, nameof(XtcProbability), "must be in [0, 1]");
        Require(XtcThreshold is >= 0 and <= 1, nameof(XtcThreshold), "must be in [0, 1]");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, $"Sampling option {name} {rule}.");
        }
    }
}
