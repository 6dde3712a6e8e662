using OmniBot.Engine.Embeddings;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Embeddings;

/// <summary>Embeddings from causal decoders (llama_decode with a KV cache cleared after every batch).</summary>
public sealed class DecoderEmbeddingTests
{
    private static readonly string[] Texts = ["Hello world", "What is a cat?", "The weather today", "one", "Thank you very much for the help"];

    [Theory]
    [InlineData(TestArchitecture.Llama)]
    [InlineData(TestArchitecture.Qwen2)]
    public async Task GenerateAsync_BatchedAndOneByOne_GiveTheSameLastTokenVectors(TestArchitecture architecture)
    {
        var model = await EmbeddingTestModels.TinyDecoderAsync(architecture);
        using var batched = new LlamaEmbeddingGenerator(model, new LlamaEmbeddingGeneratorOptions { Threads = 2, BatchSize = 256, MaxSequencesPerBatch = 4 });
        using var single = new LlamaEmbeddingGenerator(model, new LlamaEmbeddingGeneratorOptions { Threads = 2, BatchSize = 256, MaxSequencesPerBatch = 1 });

        var together = await batched.GenerateAsync(Texts);
        var alone = await single.GenerateAsync(Texts);
        var again = await batched.GenerateAsync(Texts);

        Assert.Equal(EmbeddingPooling.Last, batched.Pooling);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.True(VectorMath.Cosine(together[i].Vector.Span, alone[i].Vector.Span) > 0.99999, $"Text {i}");
            Assert.Equal(together[i].Vector.ToArray(), again[i].Vector.ToArray());
        }

        Assert.True(VectorMath.Cosine(together[0].Vector.Span, together[1].Vector.Span) < 0.9999);
    }

    [Fact]
    public async Task GenerateAsync_MeanOverride_DiffersFromLastAndIsStable()
    {
        var model = await EmbeddingTestModels.TinyDecoderAsync(TestArchitecture.Qwen2);
        using var last = new LlamaEmbeddingGenerator(model, new LlamaEmbeddingGeneratorOptions { Threads = 2, BatchSize = 256 });
        using var mean = new LlamaEmbeddingGenerator(model, new LlamaEmbeddingGeneratorOptions { Threads = 2, BatchSize = 250, MaxSequencesPerBatch = 3, Pooling = EmbeddingPooling.Mean });

        var byLast = await last.GenerateAsync(Texts);
        var byMean = await mean.GenerateAsync(Texts);
        var byMeanAlone = await mean.GenerateAsync([Texts[4]]);

        Assert.Equal(EmbeddingPooling.Mean, mean.Pooling);
        Assert.True(VectorMath.Cosine(byLast[4].Vector.Span, byMean[4].Vector.Span) < 0.9999);
        Assert.True(VectorMath.Cosine(byMean[4].Vector.Span, byMeanAlone[0].Vector.Span) > 0.99999);
    }
}
