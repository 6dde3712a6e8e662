using LLama.Native;
using OmniBot.Engine.Sampling;

namespace OmniBot.Engine.Inference;

/// <summary>
/// One sequence of the native context. It remembers the tokens whose keys and values are in the KV
/// cache, so a later request sharing a prefix only evaluates the rest.
/// </summary>
internal sealed class Slot : IDisposable
{
    public Slot(int id) => Id = id;

    public int Id { get; }

    public LLamaSeqId SequenceId => (LLamaSeqId)Id;

    /// <summary>Tokens evaluated into this sequence's KV cache, in position order.</summary>
    public List<LLamaToken> CachedTokens { get; } = [];

    public SlotRequest? Request { get; private set; }

    public TokenSampler? Sampler { get; private set; }

    /// <summary>Index into the request's prompt of the next prompt token to evaluate.</summary>
    public int PromptCursor { get; set; }

    /// <summary>The token sampled last and not yet evaluated.</summary>
    public LLamaToken? PendingToken { get; set; }

    /// <summary>Position in the current batch whose logits belong to this slot, or -1.</summary>
    public int LogitIndex { get; set; } = -1;

    /// <summary>Guessed tokens in the current batch, after the pending token, waiting for verification.</summary>
    public List<LLamaToken> Draft { get; } = [];

    /// <summary>Batch positions of the logits that verify each guess (the pending token's first).</summary>
    public List<int> DraftLogitIndices { get; } = [];

    /// <summary>Tokens to insert instead of sampling (a forced end of thinking).</summary>
    public Queue<LLamaToken> ForcedTokens { get; } = new();

    public long LastUsed { get; set; }

    public string? AffinityKey { get; set; }

    public bool IsBusy => Request is not null;

    public bool IsPromptPending => Request is not null && PromptCursor < Request.PromptTokens.Length;

    public void Assign(SlotRequest request, TokenSampler sampler, int reusedTokens)
    {
        Request = request;
        Sampler = sampler;
        PromptCursor = reusedTokens;
        PendingToken = null;
        LogitIndex = -1;
    }

    public void Release(long now)
    {
        Request = null;
        Sampler?.Dispose();
        Sampler = null;
        PendingToken = null;
        LogitIndex = -1;
        Draft.Clear();
        DraftLogitIndices.Clear();
        ForcedTokens.Clear();
        LastUsed = now;
    }

    public void Dispose() => Sampler?.Dispose();
}
