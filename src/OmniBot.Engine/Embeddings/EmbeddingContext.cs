using LLama.Native;
using OmniBot.Engine.Errors;

namespace OmniBot.Engine.Embeddings;

/// <summary>
/// A native context with embeddings on. Packs token sequences into batches (one sequence id each) and reads
/// back each sequence's pooled output. Not thread-safe: only <see cref="EmbeddingWorker"/>'s thread calls it.
/// </summary>
internal sealed class EmbeddingContext : IDisposable
{
    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();

    private EmbeddingContext(SafeLLamaContextHandle context, EmbeddingContextPlan plan)
    {
        _context = context;
        Plan = plan;
    }

    public EmbeddingContextPlan Plan { get; }

    public static EmbeddingContext Create(SafeLlamaModelHandle model, EmbeddingContextPlan plan, int threads)
    {
        var parameters = LLamaContextParams.Default();
        parameters.embeddings = true;
        parameters.llama_pooling_type = plan.NativePooling;
        parameters.n_ctx = (uint)plan.BatchSize;
        parameters.n_batch = (uint)plan.BatchSize;
        parameters.n_ubatch = (uint)plan.BatchSize;
        parameters.n_seq_max = (uint)plan.Sequences;

        // One KV pool for all sequences: the cache is cleared after every batch, so a batch may use all of it.
        parameters.kv_unified = true;
        parameters.n_threads = threads;
        parameters.n_threads_batch = threads;
        parameters.no_perf = true;
        try
        {
            return new EmbeddingContext(SafeLLamaContextHandle.Create(model, parameters), plan);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new LlamaEngineException(
                $"llama.cpp could not create an embedding context of {plan.BatchSize} tokens for {plan.Sequences} sequences. Lower {nameof(EmbeddingContextOptions.BatchSize)} or {nameof(EmbeddingContextOptions.MaxSequencesPerBatch)}.",
                exception);
        }
    }

    /// <summary>
    /// Evaluates every sequence (none empty, none longer than <see cref="EmbeddingContextPlan.MaxSequenceTokens"/>)
    /// in as few batches as they fit in, and returns the first <paramref name="width"/> values of each pooled output.
    /// </summary>
    public float[][] Evaluate(IReadOnlyList<LLamaToken[]> sequences, int width, CancellationToken cancellationToken)
    {
        foreach (var tokens in sequences)
        {
            // Callers check lengths first; this keeps the native asserts unreachable even if one does not.
            if (tokens.Length is 0 || tokens.Length > Plan.MaxSequenceTokens)
            {
                throw new InvalidOperationException($"A sequence of {tokens.Length} tokens cannot be evaluated (1 to {Plan.MaxSequenceTokens}).");
            }
        }

        var results = new float[sequences.Count][];
        var next = 0;
        while (next < sequences.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = next;
            next = FillBatch(sequences, first);
            Run();
            for (var index = first; index < next; index++)
            {
                var pooled = _context.GetEmbeddingsSeq((LLamaSeqId)(index - first));
                if (pooled.Length < width)
                {
                    throw new LlamaEngineException($"llama.cpp returned no pooled output for a sequence (pooling {Plan.Pooling}). The model may not support this pooling type; choose another one.");
                }

                results[index] = pooled[..width].ToArray();
            }

            if (!Plan.EncoderOnly)
            {
                _context.MemoryClear(true);
            }
        }

        return results;
    }

    private int FillBatch(IReadOnlyList<LLamaToken[]> sequences, int first)
    {
        _batch.Clear();
        var next = first;
        while (next < sequences.Count && next - first < Plan.Sequences && _batch.TokenCount + sequences[next].Length <= Plan.BatchSize)
        {
            var tokens = sequences[next];
            var sequence = (LLamaSeqId)(next - first);
            for (var position = 0; position < tokens.Length; position++)
            {
                _batch.Add(tokens[position], position, sequence, true);
            }

            next++;
        }

        return next;
    }

    private void Run()
    {
        var result = Plan.EncoderOnly ? _context.Encode(_batch) : _context.Decode(_batch);
        if (result != DecodeResult.Ok)
        {
            _context.MemoryClear(true);
            throw new LlamaEngineException($"llama.cpp failed to evaluate an embedding batch of {_batch.TokenCount} tokens ({result}). Lower {nameof(EmbeddingContextOptions.BatchSize)}.");
        }
    }

    public void Dispose()
    {
        _context.Dispose();
    }
}
