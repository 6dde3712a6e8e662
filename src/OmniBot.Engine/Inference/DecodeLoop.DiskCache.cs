using LLama.Native;

namespace OmniBot.Engine.Inference;

/// <summary>The persistent prompt cache's two moments: before evaluating a prompt, and after a reply.</summary>
internal sealed partial class DecodeLoop
{
    private int RestoreFromDisk(Slot slot, LLamaToken[] prompt, int reused)
    {
        if (PromptCache is not { } cache || prompt.Length - 1 < cache.MinTokens)
        {
            return reused;
        }

        var ids = prompt.Select(token => (int)token).ToArray();
        if (cache.Find(ids, reused) is not { } found)
        {
            return reused;
        }

        try
        {
            RestoreInto(slot, found.State);
        }
        catch (Errors.LlamaEngineException)
        {
            ClearSlot(slot);
            return PrepareCache(slot, prompt);
        }

        var usable = Math.Min(found.CommonPrefix, prompt.Length - 1);
        _context.MemorySequenceRemove(slot.SequenceId, usable, -1);
        slot.CachedTokens.RemoveRange(usable, slot.CachedTokens.Count - usable);
        _counters.AddDiskCacheHit(usable);
        return usable;
    }

    private void SaveToDisk(Slot slot)
    {
        if (PromptCache is not { } cache)
        {
            return;
        }

        var tokens = slot.CachedTokens.Select(token => (int)token).ToArray();
        if (cache.IsWorthSaving(tokens))
        {
            cache.Save(SaveSlot(slot));
        }
    }
}
