using LLama.Native;

namespace OmniBot.Engine.Inference;

/// <summary>
/// KV-cache reuse: a slot keeps what matches the new prompt, borrows a longer matching prefix from
/// another slot (<c>seq_cp</c>), and slides a matching later chunk into place (<c>seq_rm</c> +
/// <c>seq_add</c>) instead of evaluating it again. Also shifts a full context to keep generating.
/// </summary>
internal sealed partial class DecodeLoop
{
    /// <summary>Shorter matching chunks are cheaper to evaluate than to move.</summary>
    private const int MinimumShiftedChunk = 16;

    /// <summary>Copying a slot's KV stream costs about as much as evaluating a few dozen tokens.</summary>
    private const int MinimumCopiedGain = 32;

    /// <summary>Makes the slot's cache a prefix of <paramref name="prompt"/>, as long as possible; returns its length.</summary>
    private int PrepareCache(Slot slot, LLamaToken[] prompt)
    {
        // At least the last prompt token is evaluated again: its logits give the first reply token.
        var limit = prompt.Length - 1;
        var own = Math.Min(TokenSequences.CommonPrefixLength(slot.CachedTokens, prompt), limit);
        var donor = _slots
            .Where(other => other != slot)
            .Select(other => (Slot: other, Length: Math.Min(TokenSequences.CommonPrefixLength(other.CachedTokens, prompt), limit)))
            .DefaultIfEmpty()
            .MaxBy(candidate => candidate.Length);

        if (donor.Slot is not null && donor.Length >= own + MinimumCopiedGain && _canCopySequences)
        {
            CopyPrefix(donor.Slot, slot, donor.Length);
            _counters.AddSharedPrefix(donor.Length);
            return donor.Length;
        }

        var moved = _canShift ? MoveMatchingChunk(slot, prompt, own, limit) : 0;
        Truncate(slot, own + moved);
        return own + moved;
    }

    private void CopyPrefix(Slot source, Slot target, int length)
    {
        // Each slot has its own KV stream; llama.cpp copies between streams only whole (a partial range
        // aborts the process), so copy everything and cut the copy back to the shared prefix.
        _context.MemorySequenceRemove(target.SequenceId, 0, -1);
        _context.MemorySequenceCopy(source.SequenceId, target.SequenceId, 0, -1);
        _context.MemorySequenceRemove(target.SequenceId, length, -1);
        target.CachedTokens.Clear();
        target.CachedTokens.AddRange(source.CachedTokens.Take(length));
    }

    private void Truncate(Slot slot, int length)
    {
        if (length < slot.CachedTokens.Count)
        {
            _context.MemorySequenceRemove(slot.SequenceId, length, -1);
            slot.CachedTokens.RemoveRange(length, slot.CachedTokens.Count - length);
        }
    }

    /// <summary>
    /// A conversation that dropped its oldest turns continues, after the common prefix, with text the
    /// cache holds further on. Finds the longest such chunk, drops the cached tokens before it and moves
    /// it back to follow the prefix; returns its length (0 when nothing worth moving matches).
    /// </summary>
    private int MoveMatchingChunk(Slot slot, LLamaToken[] prompt, int prefix, int limit)
    {
        var cached = slot.CachedTokens;
        var bestStart = -1;
        var bestLength = 0;
        for (var start = prefix + 1; start < cached.Count; start++)
        {
            var length = 0;
            while (start + length < cached.Count && prefix + length < limit && cached[start + length] == prompt[prefix + length])
            {
                length++;
            }

            if (length > bestLength)
            {
                (bestStart, bestLength) = (start, length);
            }
        }

        if (bestLength < MinimumShiftedChunk)
        {
            return 0;
        }

        var gap = bestStart - prefix;
        _context.MemorySequenceRemove(slot.SequenceId, prefix, bestStart);
        _context.MemorySequenceAdd(slot.SequenceId, bestStart, bestStart + bestLength, -gap);
        cached.RemoveRange(prefix, gap);
        _counters.AddShiftedReuse(bestLength);
        return bestLength;
    }

    /// <summary>Frees room in a full context: keeps the first tokens, drops half of the rest, moves the remainder back.</summary>
    private bool TryShiftContext(Slot slot, int keep)
    {
        var cached = slot.CachedTokens.Count;
        keep = Math.Clamp(keep, 0, cached / 2);
        var discard = (cached - keep) / 2;
        if (!_canShift || discard <= 0)
        {
            return false;
        }

        _context.MemorySequenceRemove(slot.SequenceId, keep, keep + discard);
        _context.MemorySequenceAdd(slot.SequenceId, keep + discard, cached, -discard);
        slot.CachedTokens.RemoveRange(keep, discard);
        _counters.AddContextShift();
        return true;
    }
}
