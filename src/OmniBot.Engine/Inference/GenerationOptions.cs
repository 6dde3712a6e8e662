using OmniBot.Engine.Grammar;
using OmniBot.Engine.Reasoning;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Speculation;

namespace OmniBot.Engine.Inference;

/// <summary>What a single generation request asks of the scheduler besides its prompt.</summary>
public sealed record GenerationOptions
{
    /// <summary>The most stop sequences a request may give; each is watched for after every token.</summary>
    public const int MaxStopSequences = 128;

    /// <summary>The longest stop sequence, in characters: as much text as this may be held back while it could still match.</summary>
    public const int MaxStopSequenceLength = 4096;

    public SamplingOptions Sampling { get; init; } = SamplingOptions.Default;

    /// <summary>Upper bound on generated tokens; null means until end of generation or the context is full.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Text that ends the reply when produced; it is never streamed to the caller.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>
    /// When the context fills up during generation, keep this many tokens from the start, drop half of
    /// the rest and go on (llama.cpp's context shift). Null ends the reply with <see cref="FinishReason.Length"/>.
    /// </summary>
    public int? ContextShiftKeep { get; init; }

    /// <summary>
    /// A grammar every reply must follow (from <see cref="JsonSchemaGrammarConverter"/> or <see cref="GbnfGrammar.Parse"/>).
    /// Speculation is skipped for constrained requests.
    /// </summary>
    public Gbnf? Grammar { get; init; }

    /// <summary>Ends a reasoning model's thinking after a number of tokens by inserting its close marker.</summary>
    public ThinkingBudget? ThinkingBudget { get; init; }

    /// <summary>Speculative decoding for this request; off by default.</summary>
    public SpeculationOptions Speculation { get; init; } = SpeculationOptions.None;

    /// <summary>Keeps a conversation on the slot that already holds its tokens; see <see cref="InferenceScheduler"/>.</summary>
    public string? SlotAffinityKey { get; init; }

    /// <summary>
    /// Control tokens written into the reply as their text instead of dropped (llama.cpp's "preserved tokens"):
    /// the tool-call markers a parser needs to see, such as <c>[TOOL_CALLS]</c> or <c>&lt;|python_tag|&gt;</c>.
    /// </summary>
    public IReadOnlySet<int> PreservedTokens { get; init; } = EmptyTokenSet;

    private static readonly IReadOnlySet<int> EmptyTokenSet = new HashSet<int>();

    public void Validate()
    {
        Sampling.Validate();
        Speculation.Validate();
        if (MaxTokens is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), "MaxTokens must be >= 0.");
        }

        if (ThinkingBudget is { MaxTokens: < 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(ThinkingBudget), "The thinking budget must be >= 0 tokens.");
        }

        if (ContextShiftKeep is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ContextShiftKeep), "ContextShiftKeep must be >= 0.");
        }

        if (StopSequences.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Stop sequences must not be empty strings.", nameof(StopSequences));
        }

        if (StopSequences.Count > MaxStopSequences)
        {
            throw new ArgumentException($"At most {MaxStopSequences} stop sequences may be given, not {StopSequences.Count}.", nameof(StopSequences));
        }

        if (StopSequences.FirstOrDefault(stop => stop.Length > MaxStopSequenceLength) is { } tooLong)
        {
            throw new ArgumentException($"A stop sequence may be at most {MaxStopSequenceLength} characters long; one has {tooLong.Length}.", nameof(StopSequences));
        }
    }
}
