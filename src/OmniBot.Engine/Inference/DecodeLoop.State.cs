using System.Collections.Concurrent;
using System.Diagnostics;
using LLama.Native;
using OmniBot.Engine.Errors;

namespace OmniBot.Engine.Inference;

/// <summary>
/// Work that must touch the native context but is not generation (saving and restoring a conversation's
/// KV cache): posted from any thread, run by the loop between steps.
/// </summary>
internal sealed partial class DecodeLoop
{
    private readonly ConcurrentQueue<Action> _controls = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once after construction: a saved KV cache only fits a context of the same cache format.</summary>
    public KvCacheType KvCacheType { get; init; }

    /// <summary>See <see cref="SchedulerOptions.GrammarStepTimeLimit"/>.</summary>
    public TimeSpan GrammarStepTimeLimit { get; init; } = TimeSpan.FromMilliseconds(500);

    public string ModelFingerprint =>
        $"{_model.Description}|{_model.ParameterCount}|{_model.Vocab.Count}|{_model.EmbeddingSize}|{_model.LayerCount}" +
        (KvCacheType == KvCacheType.F16 ? string.Empty : $"|kv={KvCacheType}");

    public Task<T> PostAsync<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _controls.Enqueue(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        });
        _wake.TrySetResult();
        return completion.Task;
    }

    private void RunControls()
    {
        while (_controls.TryDequeue(out var control))
        {
            control();
        }
    }

    public unsafe ConversationState SaveState(string conversationId)
    {
        var slot = _slots.FirstOrDefault(candidate => candidate.AffinityKey == conversationId)
            ?? throw new LlamaEngineException($"No slot holds conversation '{conversationId}': it was never run here, or its slot was reused.");
        if (slot.IsBusy)
        {
            throw new LlamaEngineException($"Conversation '{conversationId}' is generating; save it after the reply.");
        }

        return SaveSlot(slot);
    }

    private unsafe ConversationState SaveSlot(Slot slot)
    {
        var size = (int)_context.GetStateSize(slot.SequenceId);
        var buffer = new byte[size];
        fixed (byte* data = buffer)
        {
            var written = (int)_context.GetState(data, (nuint)size, slot.SequenceId);
            Array.Resize(ref buffer, written);
        }

        return new ConversationState(ModelFingerprint, slot.CachedTokens.Select(token => (int)token).ToArray(), buffer);
    }

    public int RestoreState(string conversationId, ConversationState state)
    {
        var slot = _slots.Where(candidate => !candidate.IsBusy)
            .OrderByDescending(candidate => candidate.AffinityKey == conversationId)
            .ThenBy(candidate => candidate.LastUsed)
            .FirstOrDefault()
            ?? throw new LlamaEngineException("Every slot is busy; restore the conversation when a reply has finished.");
        RestoreInto(slot, state);
        slot.AffinityKey = conversationId;
        slot.LastUsed = Stopwatch.GetTimestamp();
        return slot.Id;
    }

    private unsafe void RestoreInto(Slot slot, ConversationState state)
    {
        if (state.ModelFingerprint != ModelFingerprint)
        {
            throw new LlamaEngineException("This conversation state was saved from another model (or with another KV cache type); it can only be restored into the model and settings it came from.");
        }

        if (state.Tokens.Count >= ContextSizePerSlot)
        {
            throw new LlamaEngineException($"The saved conversation has {state.Tokens.Count} tokens but a slot holds {ContextSizePerSlot}; raise the context size.");
        }

        ClearSlot(slot);
        nuint read;
        fixed (byte* data = state.KvCache)
        {
            read = _context.SetState(data, (nuint)state.KvCache.Length, slot.SequenceId);
        }

        if (read == 0)
        {
            ClearSlot(slot);
            throw new LlamaEngineException("llama.cpp refused the saved conversation cache (damaged, or saved with other context settings).");
        }

        slot.CachedTokens.AddRange(state.Tokens.Select(token => (LLamaToken)token));
    }
}
