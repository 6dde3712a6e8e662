namespace OmniBot.Engine.Inference;

/// <summary>Counters and timings of one finished generation.</summary>
public sealed record GenerationStats
{
    public required FinishReason FinishReason { get; init; }

    /// <summary>Tokens in the prompt.</summary>
    public required int PromptTokens { get; init; }

    /// <summary>Prompt tokens that were found in the slot's cache and not evaluated again.</summary>
    public required int PromptTokensReused { get; init; }

    /// <summary>Prompt tokens that were evaluated for this request.</summary>
    public int PromptTokensEvaluated => PromptTokens - PromptTokensReused;

    public required int CompletionTokens { get; init; }

    /// <summary>Tokens guessed by speculative decoding.</summary>
    public int DraftTokens { get; init; }

    /// <summary>Guessed tokens the model confirmed.</summary>
    public int AcceptedDraftTokens { get; init; }

    /// <summary>From submission until the first token was sampled.</summary>
    public required TimeSpan TimeToFirstToken { get; init; }

    /// <summary>From the first sampled token until the end.</summary>
    public required TimeSpan GenerationTime { get; init; }

    public required TimeSpan TotalTime { get; init; }

    public double PromptTokensPerSecond =>
        TimeToFirstToken > TimeSpan.Zero ? PromptTokensEvaluated / TimeToFirstToken.TotalSeconds : 0;

    public double CompletionTokensPerSecond =>
        CompletionTokens > 1 && GenerationTime > TimeSpan.Zero ? (CompletionTokens - 1) / GenerationTime.TotalSeconds : 0;
}
