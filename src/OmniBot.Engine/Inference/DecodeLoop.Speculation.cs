using System.Diagnostics;
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
    private SmoothedSeconds _draftSecondsPerToken;

    /// <summary>Adds the guesses of every speculating slot that has a pending token in this batch.</summary>
    private int AddDrafts(int generating)
    {
        // Most steps have no speculating slot: keep them free of allocations.
        if (!Array.Exists(_slots, slot => slot.Request?.Options.Speculation.Mode is SpeculationMode.PromptLookup or SpeculationMode.DraftModel))
        {
            return 0;
        }

        var added = 0;
        var drafted = new List<(Slot Slot, int Length)>();
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

            if (request.Options.Speculation.Mode == SpeculationMode.PromptLookup)
            {
                var guess = PromptLookupProposer.Propose(slot.CachedTokens, request.Options.Speculation, budget);
                var length = PlanDraftLength(request, guess.Count, generating, draftSecondsPerToken: 0);
                if (length == 0 && guess.Count > 0)
                {
                    request.UncheckedGuess = guess[0];
                }

                var count = AddDraft(slot, guess.GetRange(0, length));
                added += count;
                room -= count;
            }
            else
            {
                var length = PlanDraftLength(request, budget, generating, _draftSecondsPerToken.Value);
                if (length == 0 && ++request.StepsWithoutDraft >= request.DraftRetryInterval)
                {
                    length = 1;
                }

                if (length > 0)
                {
                    request.StepsWithoutDraft = 0;
                    drafted.Add((slot, length));
                    room -= length;
                }
            }
        }

        if (drafted.Count > 0 && _draftModel is not null)
        {
            var started = Stopwatch.GetTimestamp();
            var drafts = _draftModel.Propose(drafted.Select(entry => new DraftRequest(entry.Slot.Id, entry.Slot.CachedTokens, entry.Length)).ToList());
            _draftSecondsPerToken.Add(Stopwatch.GetElapsedTime(started).TotalSeconds / drafted.Sum(entry => entry.Length));
            foreach (var (slot, _) in drafted)
            {
                added += AddDraft(slot, drafts[slot.Id]);
            }
        }

        return added;
    }

    /// <summary>How many of the <paramref name="available"/> guesses to verify in this batch.</summary>
    private int PlanDraftLength(SlotRequest request, int available, int batchYield, double draftSecondsPerToken) =>
        request.Options.Speculation.AdaptiveLength
            ? DraftLengthPlanner.Choose(_decodeCosts, _batch.TokenCount, Math.Max(1, batchYield), available, request.Acceptance.Probability, draftSecondsPerToken)
            : available;

    /// <summary>Room for the guesses, the token that verifies the last one, the token limit and the context end.</summary>
    private int DraftBudget(Slot slot, SlotRequest request)
    {
        var remaining = (request.Options.MaxTokens ?? int.MaxValue) - request.CompletionTokens - 1;
        var room = ContextSizePerSlot - slot.CachedTokens.Count - 2;
        return Math.Min(request.Options.Speculation.MaxDraftTokens, Math.Min(remaining, room));
    }

    /// <summary>Scores the guess prompt lookup made on a step that did not draft against the token the model chose.</summary>
    private static void ScoreUncheckedGuess(SlotRequest request, LLamaToken token)
    {
        if (request.UncheckedGuess is { } guess)
        {
            request.UncheckedGuess = null;
            request.Acceptance.Record(guess == token ? 1 : 0, missed: guess != token);
        }
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
        request.Acceptance.Record(kept, missed: rejected > 0);
        request.DraftRetryInterval = kept > 0 ? DraftRetry.FirstInterval : Math.Min(request.DraftRetryInterval * 2, DraftRetry.LongestInterval);
        if (rejected > 0)
        {
            _context.MemorySequenceRemove(slot.SequenceId, firstDraftPosition + kept, -1);
            slot.CachedTokens.RemoveRange(firstDraftPosition + kept, rejected);
        }
    }
}
