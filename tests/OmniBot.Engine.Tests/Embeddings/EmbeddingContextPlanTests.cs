using OmniBot.Engine.Embeddings;
using OmniBot.Models.Gguf;

namespace OmniBot.Engine.Tests.Embeddings;

public sealed class EmbeddingContextPlanTests
{
    [Theory]
    [InlineData(500, 3, 501, 501)]
    [InlineData(2048, 16, 2048, 512)]
    [InlineData(1, 7, 7, 7)]
    [InlineData(100, 256, 256, 256)]
    public void Create_RoundsTheBatchToSequencesAndCapsInputsAtTheTrainingContext(int batchSize, int sequences, int expectedBatch, int expectedMaxTokens)
    {
        var plan = EmbeddingContextPlan.Create(512, encoderOnly: true, EmbeddingPooling.Mean, new LlamaEmbeddingGeneratorOptions { BatchSize = batchSize, MaxSequencesPerBatch = sequences });

        Assert.Equal(expectedBatch, plan.BatchSize);
        Assert.Equal(0, plan.BatchSize % plan.Sequences);
        Assert.Equal(expectedMaxTokens, plan.MaxSequenceTokens);
    }

    [Fact]
    public void Create_UnknownTrainingContext_CapsInputsAtTheBatch()
    {
        var plan = EmbeddingContextPlan.Create(0, encoderOnly: false, EmbeddingPooling.Last, new LlamaEmbeddingGeneratorOptions { BatchSize = 300 });

        Assert.Equal(304, plan.BatchSize);
        Assert.Equal(304, plan.MaxSequenceTokens);
    }

    [Theory]
    [InlineData(null, null, true, EmbeddingPooling.Mean)]
    [InlineData(null, null, false, EmbeddingPooling.Last)]
    [InlineData(null, GgufPoolingType.None, false, EmbeddingPooling.Last)]
    [InlineData(null, GgufPoolingType.Cls, true, EmbeddingPooling.Cls)]
    [InlineData(null, GgufPoolingType.Rank, true, EmbeddingPooling.Rank)]
    [InlineData(EmbeddingPooling.Last, GgufPoolingType.Mean, true, EmbeddingPooling.Last)]
    public void ResolvePooling_PrefersTheOptionThenTheModel(EmbeddingPooling? requested, GgufPoolingType? model, bool encoderOnly, EmbeddingPooling expected) =>
        Assert.Equal(expected, EmbeddingContextPlan.ResolvePooling(requested, model, encoderOnly));

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void Validate_SequencesOutOfRange_NamesTheOption(int sequences)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LlamaRerankerOptions { MaxSequencesPerBatch = sequences }.Validate());

        Assert.Equal(nameof(EmbeddingContextOptions.MaxSequencesPerBatch), error.ParamName);
    }

    [Fact]
    public void Validate_RankPoolingForEmbeddings_PointsAtTheReranker()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LlamaEmbeddingGeneratorOptions { Pooling = EmbeddingPooling.Rank }.Validate());

        Assert.Contains(nameof(LlamaReranker), error.Message, StringComparison.Ordinal);
    }
}
