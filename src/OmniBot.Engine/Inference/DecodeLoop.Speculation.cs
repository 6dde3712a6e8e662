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
    /// <summary>Adds the guesses of every speculating slot that has a pending token in this batch.</summary>
    private int AddDrafts()
    {
        // Most steps have no speculating slot: keep them free of allocations.
        if (!Array.Exists(_slots, slot => slot.Request?.Options.Speculation.Mode is SpeculationMode.PromptLookup or SpeculationMode.DraftModel))
        {
            return 0;
        }

        var lookups = new List<(Slot Slot, int Budget)>();
        var drafted = new List<(Slot Slot, int Budget)>();
        var room = _batchSize - _batch.TokenCount;
        foreach (var slot in _slots)
        {
            if (slot.LogitIndex < 0 || slot.Request is not { } request || slot.IsPromptPending || request.Options.Speculation.Mode == SpeculationMode.None || slot.Sampler!.HasGrammar || slot.ForcedTokens.Count > 0)
            {
                continue;
            }

            var budget = Math.Min(DraftBudget(slot, request), room);
            if (budget <= 0)
            {
                continue;
            }

            room -= budget;
            (request.Options.Speculation.Mode == SpeculationMode.DraftModel ? drafted : lookups).Add((slot, budget));
        }

        var added = 0;
        foreach (var (slot, budget) in lookups)
        {
            added += AddDraft(slot, PromptLookupProposer.Propose(slot.CachedTokens, slot.Request!.Options.Speculation, budget));
        }

        if (drafted.Count > 0 && _draftModel is not null)
        {
            var drafts = _draftModel.Propose(drafted.Select(entry => new DraftRequest(entry.Slot.Id, entry.Slot.CachedTokens, entry.Budget)).ToList());
            foreach (var (slot, _) in drafted)
            {
                added += AddDraft(slot, drafts[slot.Id]);
            }
        }

        return added;
    }

    /// <summary>Room for the guesses, the token that verifies the last one, the token limit and the context end.</summary>
    private int DraftBudget(Slot slot, SlotRequest request)
    {
        var remaining = (request.Options.MaxTokens ?? int.MaxValue) - request.CompletionTokens - 1;
        var room = ContextSizePerSlot - slot.CachedTokens.Count - 2;
        return Math.Min(Math.Min(request.Options.Speculation.MaxDraftTokens, request.DraftLength), Math.Min(remaining, room));
    }

    private int AddDraft(Slot slot, List<LLamaToken> draft)
    {
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
        slot.Request!.DraftTokens += draft.Count;
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
        request.DraftLength = rejected == 0 ? Math.Min(request.DraftLength, draft.Length) + 2 : kept + 1;
        if (rejected > 0)
        {
            _context.MemorySequenceRemove(slot.SequenceId, firstDraftPosition + kept, -1);
            slot.CachedTokens.RemoveRange(firstDraftPosition + kept, rejected);
        }
    }
}
