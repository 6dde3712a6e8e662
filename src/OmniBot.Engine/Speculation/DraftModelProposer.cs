using LLama.Native;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Inference;

namespace OmniBot.Engine.Speculation;

/// <summary>
/// Guesses with a small draft model sharing the target's vocabulary. It keeps one draft sequence per
/// slot in its own context, catches it up with the slot's tokens (reusing what it already holds), and
/// drafts greedily for all speculating slots together: K decodes of one token per slot, not K per slot.
/// Used only from the decode loop's thread.
/// </summary>
internal sealed class DraftModelProposer : IDisposable
{
    private readonly SafeLLamaContextHandle _context;
    private readonly SafeLLamaSamplerChainHandle _greedy;
    private readonly List<LLamaToken>[] _cached;
    private readonly LLamaBatch _batch = new();
    private readonly int _batchSize;

    public DraftModelProposer(SafeLlamaModelHandle draft, SafeLlamaModelHandle target, int slots, int contextPerSlot, int batchSize, int threads)
    {
        if (draft.Vocab.Count != target.Vocab.Count)
        {
            throw new LlamaEngineException(
                $"The draft model's vocabulary has {draft.Vocab.Count} tokens but the model's has {target.Vocab.Count}. Use a draft model of the same family (same tokenizer).");
        }

        var parameters = LLamaContextParams.Default();
        parameters.n_ctx = (uint)(contextPerSlot * slots);
        parameters.n_seq_max = (uint)slots;
        parameters.n_batch = (uint)batchSize;
        parameters.n_ubatch = (uint)batchSize;
        parameters.n_threads = threads;
        parameters.n_threads_batch = threads;
        parameters.no_perf = true;
        parameters.kv_unified = false;
        parameters.llama_flash_attn_type = LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_DISABLED;
        _context = SafeLLamaContextHandle.Create(draft, parameters);
        _batchSize = batchSize;
        _cached = Enumerable.Range(0, slots).Select(_ => new List<LLamaToken>()).ToArray();
        var chainParameters = LLamaSamplerChainParams.Default();
        chainParameters.NoPerf = true;
        _greedy = SafeLLamaSamplerChainHandle.Create(chainParameters);
        _greedy.AddGreedySampler();
    }

    /// <summary>Drafts up to each request's budget after its history; returns the guesses per slot id.</summary>
    public Dictionary<int, List<LLamaToken>> Propose(IReadOnlyList<DraftRequest> requests)
    {
        var drafts = requests.ToDictionary(request => request.SlotId, _ => new List<LLamaToken>());
        var logitIndex = CatchUp(requests);
        var active = requests.Where(request => request.Budget > 0).ToList();
        while (active.Count > 0)
        {
            _batch.Clear();
            var next = new List<DraftRequest>();
            foreach (var request in active)
            {
                var token = _greedy.Sample(_context, logitIndex[request.SlotId]);
                var draft = drafts[request.SlotId];
                draft.Add(token);
                if (draft.Count < request.Budget)
                {
                    var cached = _cached[request.SlotId];
                    logitIndex[request.SlotId] = _batch.Add(token, cached.Count, (LLamaSeqId)request.SlotId, true);
                    cached.Add(token);
                    next.Add(request);
                }
            }

            if (_batch.TokenCount > 0)
            {
                Decode();
            }

            active = next;
        }

        return drafts;
    }

    /// <summary>Makes each draft sequence hold the slot's history; returns where each slot's last logits are.</summary>
    private Dictionary<int, int> CatchUp(IReadOnlyList<DraftRequest> requests)
    {
        var logitIndex = new Dictionary<int, int>();
        var pending = new Dictionary<int, int>();
        foreach (var request in requests)
        {
            var cached = _cached[request.SlotId];
            var history = request.History;

            // The last history token is always evaluated again: its logits start the draft.
            var common = Math.Min(TokenSequences.CommonPrefixLength(cached, history), history.Count - 1);
            if (common < cached.Count)
            {
                _context.MemorySequenceRemove((LLamaSeqId)request.SlotId, common, -1);
                cached.RemoveRange(common, cached.Count - common);
            }

            pending[request.SlotId] = common;
        }

        // All but the last token in as many chunks as needed, then every slot's last token together,
        // so that all the logits the draft starts from come from the same (final) decode.
        _batch.Clear();
        foreach (var request in requests)
        {
            var cached = _cached[request.SlotId];
            for (var i = pending[request.SlotId]; i < request.History.Count - 1; i++)
            {
                if (_batch.TokenCount == _batchSize)
                {
                    Decode();
                    _batch.Clear();
                }

                _batch.Add(request.History[i], cached.Count, (LLamaSeqId)request.SlotId, false);
                cached.Add(request.History[i]);
            }
        }

        if (_batch.TokenCount + requests.Count > _batchSize)
        {
            Decode();
            _batch.Clear();
        }

        foreach (var request in requests)
        {
            var cached = _cached[request.SlotId];
            logitIndex[request.SlotId] = _batch.Add(request.History[^1], cached.Count, (LLamaSeqId)request.SlotId, true);
            cached.Add(request.History[^1]);
        }

        Decode();
        return logitIndex;
    }

    private void Decode()
    {
        var result = _context.Decode(_batch);
        if (result != DecodeResult.Ok)
        {
            foreach (var (cached, slot) in _cached.Select((cached, slot) => (cached, slot)))
            {
                _context.MemorySequenceRemove((LLamaSeqId)slot, 0, -1);
                cached.Clear();
            }

            throw new LlamaEngineException($"The draft model could not decode ({result}). Lower the draft length or the context size.");
        }
    }
    public void Dispose()
    {
        _greedy.Dispose();
        _context.Dispose();
    }
}

/// <summary>One slot's ask of the draft model: its tokens so far and how many guesses fit.</summary>
internal readonly record struct DraftRequest(int SlotId, IReadOnlyList<LLamaToken> History, int Budget);
