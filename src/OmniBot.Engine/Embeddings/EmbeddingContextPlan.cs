using LLama.Native;
using OmniBot.Models.Gguf;

namespace OmniBot.Engine.Embeddings;

/// <summary>
/// The native context an embedding or rerank model gets, sized so that no input can reach llama.cpp's
/// known aborts. Pure arithmetic, decided once before the context exists.
/// </summary>
internal sealed record EmbeddingContextPlan(int BatchSize, int Sequences, EmbeddingPooling Pooling, bool EncoderOnly, int MaxSequenceTokens)
{
    public LLamaPoolingType NativePooling => (LLamaPoolingType)(int)Pooling;

    public static EmbeddingContextPlan Create(int trainedContext, bool encoderOnly, EmbeddingPooling pooling, EmbeddingContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sequences = options.MaxSequencesPerBatch;

        // Mean pooling aborts the process at context creation (GGML_ASSERT in build_pooling) unless n_ubatch
        // is a multiple of n_seq_max, so the batch is rounded up to one; n_ubatch = n_batch always, because a
        // non-causal encoder must see a whole sequence (indeed the whole batch) in one micro-batch.
        var batch = checked((options.BatchSize + sequences - 1) / sequences * sequences);

        // A BERT-style encoder looks positions up in a table as long as its training context; a longer
        // sequence aborts inside llama_encode. Causal models are held to it too: past it they degrade.
        var maxTokens = trainedContext > 0 ? Math.Min(trainedContext, batch) : batch;
        return new EmbeddingContextPlan(batch, sequences, pooling, encoderOnly, maxTokens);
    }

    /// <summary>The option's pooling, else the model's, else last-token for causal models and mean for encoders.</summary>
    public static EmbeddingPooling ResolvePooling(EmbeddingPooling? requested, GgufPoolingType? modelPooling, bool encoderOnly) =>
        requested ?? modelPooling switch
        {
            GgufPoolingType.Mean => EmbeddingPooling.Mean,
            GgufPoolingType.Cls => EmbeddingPooling.Cls,
            GgufPoolingType.Last => EmbeddingPooling.Last,
            GgufPoolingType.Rank => EmbeddingPooling.Rank,
            _ => encoderOnly ? EmbeddingPooling.Mean : EmbeddingPooling.Last,
        };
}
