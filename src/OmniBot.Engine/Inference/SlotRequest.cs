using System.Threading.Channels;
using LLama.Native;
using OmniBot.Engine.Reasoning;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Speculation;
using OmniBot.Engine.Text;

namespace OmniBot.Engine.Inference;

/// <summary>One submitted generation: its input, its output channel and its progress. Owned by the decode loop once admitted.</summary>
internal sealed class SlotRequest
{
    private readonly Channel<GenerationUpdate> _updates = Channel.CreateUnbounded<GenerationUpdate>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private TokenSampler? _sampler;

    /// <param name="sampler">Built by the caller, off the decode thread (a large grammar takes llama.cpp a while); owned by this request until a slot takes it.</param>
    public SlotRequest(LLamaToken[] promptTokens, GenerationOptions options, TokenSampler sampler, long submittedAt, CancellationToken cancellationToken)
    {
        _sampler = sampler;
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

    /// <summary>Hands the sampler to the slot that serves this request; the slot disposes it when it is released.</summary>
    public TokenSampler TakeSampler() =>
        Interlocked.Exchange(ref _sampler, null) ?? throw new InvalidOperationException("The request's sampler was already taken.");

    /// <summary>Ends the stream; a sampler no slot took (the request never started) is disposed here.</summary>
    public void Complete(Exception? error = null)
    {
        Interlocked.Exchange(ref _sampler, null)?.Dispose();
        _updates.Writer.TryComplete(error);
    }
}
