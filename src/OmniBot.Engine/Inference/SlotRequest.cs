using System.Threading.Channels;
using LLama.Native;
using OmniBot.Engine.Reasoning;
using OmniBot.Engine.Speculation;
using OmniBot.Engine.Text;

namespace OmniBot.Engine.Inference;

/// <summary>One submitted generation: its input, its output channel and its progress. Owned by the decode loop once admitted.</summary>
internal sealed class SlotRequest
{
    private readonly Channel<GenerationUpdate> _updates = Channel.CreateUnbounded<GenerationUpdate>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public SlotRequest(LLamaToken[] promptTokens, GenerationOptions options, long submittedAt, CancellationToken cancellationToken)
    {
        PromptTokens = promptTokens;
        Options = options;
        SubmittedAt = submittedAt;
        CancellationToken = cancellationToken;
        StopFilter = new StopSequenceFilter(options.StopSequences);
        Thinking = options.ThinkingBudget is { } budget ? new ThinkingTracker(budget) : null;
    }

    public LLamaToken[] PromptTokens { get; }

    public GenerationOptions Options { get; }

    public long SubmittedAt { get; }

    public CancellationToken CancellationToken { get; }

    public ChannelReader<GenerationUpdate> Updates => _updates.Reader;

    public Utf8StreamDecoder Decoder { get; } = new();

    public StopSequenceFilter StopFilter { get; }

    public ThinkingTracker? Thinking { get; }

    public int PromptTokensReused { get; set; }

    public int CompletionTokens { get; set; }

    public long FirstTokenAt { get; set; }

    public int DraftTokens { get; set; }

    public int AcceptedDraftTokens { get; set; }

    /// <summary>How often this request's guesses have come true lately; sets how long its drafts are.</summary>
    public AcceptanceEstimate Acceptance { get; } = new();

    /// <summary>
    /// The first token prompt lookup guessed on a step that did not draft: compared with the token the model
    /// then picks, so the estimate keeps learning without paying for a verification.
    /// </summary>
    public LLamaToken? UncheckedGuess { get; set; }

    /// <summary>Steps since a draft model last drafted for this request; after a while it tries one guess again.</summary>
    public int StepsWithoutDraft { get; set; }

    /// <summary>How many steps without a draft before that retry: doubles while retries fail.</summary>
    public int DraftRetryInterval { get; set; } = DraftRetry.FirstInterval;

    public void Publish(GenerationUpdate update) => _updates.Writer.TryWrite(update);

    public void Complete(Exception? error = null) => _updates.Writer.TryComplete(error);
}
