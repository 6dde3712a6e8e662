using System.Diagnostics;
using System.Threading.Channels;
using LLama.Native;
using Microsoft.Extensions.Logging;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Sampling;

namespace OmniBot.Engine.Inference;

/// <summary>Admission of requests into slots, and every way a request leaves its slot.</summary>
internal sealed partial class DecodeLoop
{
    private void Admit(ChannelReader<SlotRequest> queue)
    {
        while (_slots.Any(slot => !slot.IsBusy) && queue.TryRead(out var request))
        {
            _counters.OnDequeued();
            if (request.CancellationToken.IsCancellationRequested)
            {
                request.Complete(new OperationCanceledException(request.CancellationToken));
                continue;
            }

            var slot = ChooseSlot(request);
            try
            {
                Assign(slot, request);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogAdmissionFailed(exception, slot.Id);
                ClearSlot(slot);
                request.Complete(new LlamaEngineException($"The request could not be started: {exception.Message}", exception));
            }
        }
    }

    /// <summary>The free slot of the same conversation, else the one holding the longest common prefix, else the least recently used.</summary>
    private Slot ChooseSlot(SlotRequest request)
    {
        var free = _slots.Where(slot => !slot.IsBusy).ToList();
        var key = request.Options.SlotAffinityKey;
        if (key is not null && free.FirstOrDefault(slot => slot.AffinityKey == key) is { } affine)
        {
            return affine;
        }

        return free
            .OrderByDescending(slot => TokenSequences.CommonPrefixLength(slot.CachedTokens, request.PromptTokens))
            .ThenBy(slot => slot.LastUsed)
            .First();
    }

    private void Assign(Slot slot, SlotRequest request)
    {
        var prompt = request.PromptTokens;

        var reused = PrepareCache(slot, prompt);
        reused = RestoreFromDisk(slot, prompt, reused);

        var sampler = request.TakeSampler();
        try
        {
            AcceptPromptHistory(sampler, request.Options.Sampling, prompt);
        }
        catch
        {
            sampler.Dispose();
            throw;
        }

        request.PromptTokensReused = reused;
        slot.AffinityKey = request.Options.SlotAffinityKey ?? slot.AffinityKey;
        slot.Assign(request, sampler, reused);
        _counters.AddPrompt(prompt.Length, reused);
    }

    /// <summary>Repetition penalties and DRY look back into the prompt as well as the reply.</summary>
    private void AcceptPromptHistory(TokenSampler sampler, SamplingOptions sampling, LLamaToken[] prompt)
    {
        var penaltyWindow = SamplerChainFactory.Window(sampling.PenaltyLastN, ContextSizePerSlot);
        var dryWindow = sampling.DryMultiplier > 0 ? SamplerChainFactory.Window(sampling.DryPenaltyLastN, ContextSizePerSlot) : 0;
        var penalised = sampling.RepeatPenalty != 1.0f || sampling.FrequencyPenalty != 0 || sampling.PresencePenalty != 0;
        var window = Math.Max(penalised ? penaltyWindow : 0, dryWindow);
        for (var i = Math.Max(0, prompt.Length - window); i < prompt.Length && window > 0; i++)
        {
            sampler.AcceptHistory(prompt[i]);
        }
    }
    private void DropCancelled()
    {
        foreach (var slot in _slots)
        {
            if (slot.Request is { CancellationToken.IsCancellationRequested: true } request)
            {
                request.Complete(new OperationCanceledException(request.CancellationToken));
                slot.Release(Stopwatch.GetTimestamp());
                _counters.OnCancelled();
            }
        }
    }

    private void Finish(Slot slot, FinishReason reason)
    {
        var request = slot.Request!;
        var tail = request.StopFilter.Append(request.Decoder.Flush()) + request.StopFilter.Flush();
        var now = Stopwatch.GetTimestamp();
        var firstTokenAt = request.FirstTokenAt == 0 ? now : request.FirstTokenAt;
        var stats = new GenerationStats
        {
            FinishReason = reason,
            PromptTokens = request.PromptTokens.Length,
            PromptTokensReused = request.PromptTokensReused,
            CompletionTokens = request.CompletionTokens,
            DraftTokens = request.DraftTokens,
            AcceptedDraftTokens = request.AcceptedDraftTokens,
            TimeToFirstToken = Stopwatch.GetElapsedTime(request.SubmittedAt, firstTokenAt),
            GenerationTime = Stopwatch.GetElapsedTime(firstTokenAt, now),
            TotalTime = Stopwatch.GetElapsedTime(request.SubmittedAt, now),
        };
        request.Publish(new GenerationUpdate(tail, 0, stats));

        // Saved before the request completes, so that a finished request's prompt is in the cache.
        SaveToDisk(slot);
        request.Complete();
        slot.Release(now);
        _counters.OnCompleted();
    }

    private void FailBatch(DecodeResult result)
    {
        LogDecodeFailed(result, _batch.TokenCount);
        var error = new LlamaEngineException(
            $"llama.cpp could not decode a batch of {_batch.TokenCount} tokens (result {result}). The affected requests were stopped; retry them, or lower the number of slots or the context size if this repeats.");
        foreach (var slot in _slots.Where(slot => slot.IsBusy))
        {
            slot.Request!.Complete(error);
            slot.Release(Stopwatch.GetTimestamp());
            ClearSlot(slot);
        }
    }

    private void ClearSlot(Slot slot)
    {
        _context.MemorySequenceRemove(slot.SequenceId, 0, -1);
        slot.CachedTokens.Clear();
    }

    private void FailEverything(ChannelReader<SlotRequest> queue, Exception error)
    {
        foreach (var slot in _slots.Where(slot => slot.IsBusy))
        {
            slot.Request!.Complete(error);
            slot.Release(Stopwatch.GetTimestamp());
        }

        while (queue.TryRead(out var waiting))
        {
            waiting.Complete(error);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting a request in slot {SlotId} failed")]
    private partial void LogAdmissionFailed(Exception exception, int slotId);

    [LoggerMessage(Level = LogLevel.Error, Message = "llama_decode returned {Result} for a batch of {TokenCount} tokens")]
    private partial void LogDecodeFailed(DecodeResult result, int tokenCount);
}
