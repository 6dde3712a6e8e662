using LLama.Native;
using OmniBot.Engine.Speculation;

namespace OmniBot.Engine.Inference;

/// <summary>
/// Speculative decoding inside the shared batch: a generating slot adds its guesses after its pending
/// token, all with logits; after the decode each position is sampled from the model in turn and a guess
/// survives only while it equals the sample. Rejected guesses leave the KV cache.
/// </summary>
internal sealed partial class DecodeLoop
{
    private int AddDraft(Slot slot)
    {
        var request = slot.Request!;
        var speculation = request.Options.Speculation;
        if (speculation.Mode == SpeculationMode.None)
        {
            return 0;
        }

        // Room for the guesses, the token that verifies the last one, and the context end.
        var remaining = (request.Options.MaxTokens ?? int.MaxValue) - request.CompletionTokens - 1;
        var room = ContextSizePerSlot - slot.CachedTokens.Count - 2;
        var budget = Math.Min(speculation.MaxDraftTokens, Math.Min(remaining, Math.Min(room, _batchSize - _batch.TokenCount)));
        var draft = speculation.Mode switch
        {
            SpeculationMode.PromptLookup => PromptLookupProposer.Propose(slot.CachedTokens, speculation, budget),
            _ => [],
        };
        if (draft.Count == 0)
        {
            return 0;
        }

        slot.DraftLogitIndices.Add(slot.LogitIndex);
        foreach (var token in draft)
        {
            slot.DraftLogitIndices.Add(_batch.Add(token, slot.CachedTokens.Count, slot.SequenceId, true));
            slot.CachedTokens.Add(token);
        }

        slot.Draft.AddRange(draft);
        request.DraftTokens += draft.Count;
        return draft.Count;
    }

    private void VerifyDraft(Slot slot)
    {
        var request = slot.Request!;
        var sampler = slot.Sampler!;
        var draft = slot.Draft.ToArray();
        var logitIndices = slot.DraftLogitIndices.ToArray();
        slot.Draft.Clear();
        slot.DraftLogitIndices.Clear();
        var firstDraftPosition = slot.CachedTokens.Count - draft.Length;
        var kept = 0;
        for (var i = 0; i <= draft.Length; i++)
        {
            var token = sampler.Sample(_context, logitIndices[i]);
            Accept(slot, token);
            var matched = i < draft.Length && token == draft[i];
            if (matched)
            {
                kept++;
            }

            if (!slot.IsBusy || !matched)
            {
                break;
            }

            // The guess is already in the KV cache: it is not decoded again.
            slot.PendingToken = null;
        }

        request.AcceptedDraftTokens += kept;
        var rejected = draft.Length - kept;
        if (rejected > 0)
        {
            _context.MemorySequenceRemove(slot.SequenceId, firstDraftPosition + kept, -1);
            slot.CachedTokens.RemoveRange(firstDraftPosition + kept, rejected);
        }
    }
}
