using System.Diagnostics;
using System.Threading.Channels;
using LLama.Native;
using Microsoft.Extensions.Logging;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Speculation;
using OmniBot.Engine.Text;

namespace OmniBot.Engine.Inference;

/// <summary>
/// The one loop that owns a native context. Every step admits waiting requests into free slots, builds
/// ONE batch from all busy slots (a token for each generating slot, then prompt chunks), decodes it,
/// samples each slot with its own chain and streams the text. It runs on a single dedicated thread:
/// llama.cpp's worker threads spin-wait between decodes only when they are called from the same thread.
/// </summary>
internal sealed partial class DecodeLoop : IDisposable
{
    private readonly SafeLlamaModelHandle _model;
    private readonly SafeLLamaContextHandle _context;
    private readonly Slot[] _slots;
    private readonly LLamaBatch _batch = new();
    private readonly TokenDetokenizer _detokenizer;
    private readonly bool[] _endOfGeneration;
    private readonly int _batchSize;
    private readonly ILogger _logger;
    private readonly SchedulerCounters _counters;
    private readonly bool _canShift;
    private readonly DraftModelProposer? _draftModel;
    private readonly DecodeCostModel _decodeCosts;

    /// <summary>Set once after construction, before the loop starts.</summary>
    public Caching.PersistentPromptCache? PromptCache { get; set; }
    private readonly bool _canCopySequences;

    public DecodeLoop(SafeLlamaModelHandle model, SafeLLamaContextHandle context, int slotCount, int contextSizePerSlot, int batchSize, SchedulerCounters counters, ILogger logger, DraftModelProposer? draftModel = null)
    {
        _draftModel = draftModel;
        _model = model;
        _context = context;
        _slots = Enumerable.Range(0, slotCount).Select(id => new Slot(id)).ToArray();
        ContextSizePerSlot = contextSizePerSlot;
        _batchSize = batchSize;
        _decodeCosts = new DecodeCostModel(batchSize);
        _counters = counters;
        _logger = logger;
        _detokenizer = new TokenDetokenizer(model);
        _endOfGeneration = EndOfGenerationTable(model);
        _canShift = context.MemoryCanShift;
        _canCopySequences = !model.IsRecurrent;
    }

    public int ContextSizePerSlot { get; }

    public IReadOnlyList<int> EndOfGenerationTokens =>
        Enumerable.Range(0, _endOfGeneration.Length).Where(id => _endOfGeneration[id]).ToArray();

    public void Run(ChannelReader<SlotRequest> queue, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                RunControls();
                DropCancelled();
                Admit(queue);
                if (!_slots.Any(slot => slot.IsBusy) && _controls.IsEmpty)
                {
                    if (!WaitForWork(queue, stopping))
                    {
                        break;
                    }

                    continue;
                }

                Step();
            }
        }
        finally
        {
            RunControls();
            FailEverything(queue, new ObjectDisposedException(nameof(InferenceScheduler), "The model was unloaded while the request was running."));
        }
    }

    private bool WaitForWork(ChannelReader<SlotRequest> queue, CancellationToken stopping)
    {
        var wake = _wake;
        if (!_controls.IsEmpty)
        {
            return true;
        }

        try
        {
            var request = queue.WaitToReadAsync(stopping).AsTask();
            Task.WaitAny(request, wake.Task);
            if (wake.Task.IsCompleted)
            {
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return true;
            }

            return request.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Step()
    {
        _batch.Clear();
        var generating = AddGeneratingTokens();
        AddPromptChunks(_batchSize - generating);
        if (_batch.TokenCount == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var result = _context.Decode(_batch);
        _decodeCosts.Observe(_batch.TokenCount, Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (result != DecodeResult.Ok)
        {
            FailBatch(result);
            return;
        }

        _counters.AddDecode(_batch.TokenCount);
        SampleAll();
    }

    private int AddGeneratingTokens()
    {
        var added = 0;
        foreach (var slot in _slots)
        {
            if (slot.PendingToken is not { } token)
            {
                continue;
            }

            var position = slot.CachedTokens.Count;
            slot.LogitIndex = _batch.Add(token, position, slot.SequenceId, true);
            slot.CachedTokens.Add(token);
            slot.PendingToken = null;
            added++;
        }

        return added + AddDrafts(added);
    }

    private void AddPromptChunks(int budget)
    {
        foreach (var slot in _slots)
        {
            if (budget <= 0)
            {
                return;
            }

            if (!slot.IsPromptPending)
            {
                continue;
            }

            var prompt = slot.Request!.PromptTokens;
            var count = Math.Min(budget, prompt.Length - slot.PromptCursor);
            for (var i = 0; i < count; i++)
            {
                var token = prompt[slot.PromptCursor + i];
                var isLast = slot.PromptCursor + i == prompt.Length - 1;
                var index = _batch.Add(token, slot.CachedTokens.Count, slot.SequenceId, isLast);
                slot.CachedTokens.Add(token);
                if (isLast)
                {
                    slot.LogitIndex = index;
                }
            }

            slot.PromptCursor += count;
            budget -= count;
        }
    }

    private void SampleAll()
    {
        foreach (var slot in _slots)
        {
            if (slot.LogitIndex < 0 || slot.Request is null)
            {
                continue;
            }

            var index = slot.LogitIndex;
            slot.LogitIndex = -1;
            if (slot.Draft.Count > 0)
            {
                VerifyDraft(slot);
                continue;
            }

            if (slot.ForcedTokens.TryDequeue(out var forced))
            {
                slot.Sampler!.AcceptHistory(forced);
                Accept(slot, forced);
                continue;
            }

            LLamaToken token;
            try
            {
                token = slot.Sampler!.Sample(_context, index);
            }
            catch (GrammarTooCostlyException exception)
            {
                slot.Request!.Complete(exception);
                slot.Release(Stopwatch.GetTimestamp());
                continue;
            }

            ScoreUncheckedGuess(slot.Request, token);
            Accept(slot, token);
        }
    }

    private void Accept(Slot slot, LLamaToken token)
    {
        var request = slot.Request!;
        if (request.CompletionTokens == 0)
        {
            request.FirstTokenAt = Stopwatch.GetTimestamp();
        }

        if (IsEndOfGeneration(token))
        {
            Finish(slot, FinishReason.EndOfGeneration);
            return;
        }

        request.CompletionTokens++;
        _counters.AddGenerated(1);
        var decoded = request.Decoder.Append(_detokenizer.GetBytes(token, request.Options.PreservedTokens.Contains((int)token)));
        if (request.Thinking?.Observe(decoded) == true)
        {
            ForceEndOfThinking(slot, request.Options.ThinkingBudget!);
        }

        var text = request.StopFilter.Append(decoded);
        request.Publish(new GenerationUpdate(text, 1));

        if (request.StopFilter.Stopped)
        {
            Finish(slot, FinishReason.StopSequence);
        }
        else if (request.CompletionTokens >= (request.Options.MaxTokens ?? int.MaxValue)
            || (slot.CachedTokens.Count + 1 >= ContextSizePerSlot && !ShiftForMoreRoom(slot, request)))
        {
            Finish(slot, FinishReason.Length);
        }
        else
        {
            slot.PendingToken = token;
        }
    }

    private void ForceEndOfThinking(Slot slot, Reasoning.ThinkingBudget budget)
    {
        foreach (var token in _model.Tokenize("\n" + budget.Format.Close + "\n\n", false, true, System.Text.Encoding.UTF8))
        {
            slot.ForcedTokens.Enqueue(token);
        }
    }

    private bool ShiftForMoreRoom(Slot slot, SlotRequest request) =>
        request.Options.ContextShiftKeep is { } keep && TryShiftContext(slot, keep);

    /// <summary>
    /// A sampler for one request. Safe to call from any thread (it reads only the model), so callers build it before
    /// queueing: llama.cpp takes up to seconds to set up a large grammar, which on the decode thread would stall every slot.
    /// </summary>
    public TokenSampler CreateSampler(GenerationOptions options) =>
        TokenSampler.Create(_model, options.Sampling, options.Grammar, ContextSizePerSlot, IsEndOfGeneration, options.PreservedTokens, GrammarStepTimeLimit);

    private bool IsEndOfGeneration(LLamaToken token)
    {
        var id = (int)token;
        return id >= 0 && id < _endOfGeneration.Length && _endOfGeneration[id];
    }

    private static bool[] EndOfGenerationTable(SafeLlamaModelHandle model)
    {
        var vocab = model.Vocab;
        var table = new bool[vocab.Count];
        for (var id = 0; id < table.Length; id++)
        {
            table[id] = ((LLamaToken)id).IsEndOfGeneration(vocab);
        }

        return table;
    }

    public void Dispose()
    {
        foreach (var slot in _slots)
        {
            slot.Dispose();
        }

        _draftModel?.Dispose();
    }
}
