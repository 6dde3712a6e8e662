using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

public sealed class ModelMemoryEstimatorTests
{
    [Fact]
    public void Estimate_TinyLlama_CountsWeightsAndAnF16KvCachePerLayer()
    {
        var info = GgufModelInfoTests.Info(SyntheticGguf.TinyLlama());

        var estimate = ModelMemoryEstimator.Estimate(info, contextSize: 512);

        Assert.Equal(info.TensorDataBytes, estimate.WeightBytes);

        // Per layer: keys and values of 2 KV heads × 16 wide, 512 cells, 2 bytes each.
        const long KvPerLayer = 2 * (2 * 16) * 512 * 2;
        Assert.Equal(2 * KvPerLayer, estimate.KvCacheBytes);
        Assert.Equal(2, estimate.LayerBytes.Count);
        var layerWeights = info.File.Tensors.Where(tensor => tensor.Name.StartsWith("blk.0.", StringComparison.Ordinal)).Sum(tensor => tensor.ByteSize);
        Assert.Equal(layerWeights + KvPerLayer, estimate.LayerBytes[0]);
        Assert.Equal(estimate.LayerBytes[0], estimate.BytesPerLayer);
        Assert.Equal(estimate.WeightBytes + estimate.KvCacheBytes, estimate.LayerBytes.Sum() + estimate.NonLayerBytes);
        Assert.Equal(estimate.WeightBytes + estimate.KvCacheBytes + estimate.ComputeBufferBytes, estimate.TotalBytes);

        // Logits for a whole batch (clamped to the context): 100 tokens × 512 × 4 bytes.
        Assert.Equal(100 * 512 * 4, estimate.OutputBufferBytes);
        Assert.True(estimate.ComputeBufferBytes > estimate.OutputBufferBytes);
    }

    [Fact]
    public void Estimate_ContextSize_IsRoundedUpToWholeKvPagesAndGrowsTheCache()
    {
        var info = GgufModelInfoTests.Info(SyntheticGguf.TinyLlama());

        var small = ModelMemoryEstimator.Estimate(info, contextSize: 300);
        var padded = ModelMemoryEstimator.Estimate(info, contextSize: 512);
        var large = ModelMemoryEstimator.Estimate(info, contextSize: 4096);

        Assert.Equal(padded.KvCacheBytes, small.KvCacheBytes);
        Assert.Equal(8 * padded.KvCacheBytes, large.KvCacheBytes);
        Assert.True(large.TotalBytes > padded.TotalBytes);
    }

    [Fact]
    public void Estimate_QuantizedKvCache_UsesTheBlockSizeOfTheCacheType()
    {
        var info = GgufModelInfoTests.Info(SyntheticGguf.TinyLlama());

        var estimate = ModelMemoryEstimator.Estimate(info, contextSize: 512, kvCacheType: GgmlType.Q8_0);

        // 32 values per row per cell make one Q8_0 block of 34 bytes.
        Assert.Equal(2 * 2 * 34 * 512, estimate.KvCacheBytes);
        Assert.Equal(GgmlType.Q8_0, estimate.Options.KeyCacheType);
    }

    [Fact]
    public void Estimate_Qwen25HalfBillionShape_NeedsTheKnownKvCacheSize()
    {
        var info = GgufModelInfoTests.Info(new SyntheticGguf().Add("general.architecture", "qwen2")
            .Add("qwen2.block_count", 24u)
            .Add("qwen2.embedding_length", 896u)
            .Add("qwen2.feed_forward_length", 4864u)
            .Add("qwen2.attention.head_count", 14u)
            .Add("qwen2.attention.head_count_kv", 2u)
            .Add("qwen2.vocab_size", 151936u));

        var estimate = ModelMemoryEstimator.Estimate(info, contextSize: 4096);

        // llama.cpp reports "KV self size = 48.00 MiB" for Qwen2.5-0.5B at n_ctx 4096.
        Assert.Equal(48L * 1024 * 1024, estimate.KvCacheBytes);
        Assert.Equal(151936L * 2048 * 4, estimate.OutputBufferBytes);
    }

    [Fact]
    public void Estimate_MiniLm_HasNoKvCacheAndOutputsEmbeddings()
    {
        var info = GgufModelInfo.Read(GgufReaderRealModelTests.MiniLmPath);

        var estimate = ModelMemoryEstimator.Estimate(info, contextSize: 512);

        Assert.Equal(0, estimate.KvCacheBytes);
        Assert.Equal(info.File.FileSize - info.File.DataOffset, estimate.WeightBytes);
        Assert.Equal(384 * 512 * 4, estimate.OutputBufferBytes);
        Assert.Equal(6, estimate.LayerBytes.Count);
        Assert.InRange(estimate.TotalBytes, estimate.WeightBytes, 2 * estimate.WeightBytes);
    }

    [Fact]
    public void LayersThatFit_Budget_CountsWholeLayersAfterTheComputeBuffer()
    {
        var info = GgufModelInfoTests.Info(SyntheticGguf.TinyLlama());
        var estimate = ModelMemoryEstimator.Estimate(info, contextSize: 512);
        var graph = estimate.ComputeBufferBytes - estimate.OutputBufferBytes;

        Assert.Equal(0, estimate.LayersThatFit(0));
        Assert.Equal(0, estimate.LayersThatFit(graph + estimate.LayerBytes[1] - 1));
        Assert.Equal(1, estimate.LayersThatFit(graph + estimate.LayerBytes[1]));
        Assert.Equal(2, estimate.LayersThatFit(graph + estimate.LayerBytes.Sum()));
        Assert.Equal(2, estimate.LayersThatFit(long.MaxValue));
    }

    [Fact]
    public void Estimate_InvalidOptions_AreArgumentErrors()
    {
        var info = GgufModelInfoTests.Info(SyntheticGguf.TinyLlama());

        Assert.Throws<ArgumentOutOfRangeException>(() => ModelMemoryEstimator.Estimate(info, contextSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelMemoryEstimator.Estimate(info, contextSize: 512, sequenceCount: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelMemoryEstimator.Estimate(info, contextSize: 512, kvCacheType: (GgmlType)31));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelMemoryEstimator.Estimate(info, new MemoryEstimateOptions(512) { MicroBatchSize = 0 }));
    }

    [Fact]
    public void Estimate_AbsurdButWellFormedShape_SaturatesInsteadOfOverflowing()
    {
        var info = GgufModelInfoTests.Info(new SyntheticGguf().Add("general.architecture", "llama")
            .Add("llama.block_count", 512u)
            .Add("llama.embedding_length", uint.MaxValue)
            .Add("llama.attention.head_count", (uint)int.MaxValue)
            .Add("llama.attention.key_length", uint.MaxValue)
            .Add("llama.vocab_size", uint.MaxValue));

        var estimate = ModelMemoryEstimator.Estimate(info, contextSize: int.MaxValue);

        Assert.Equal(long.MaxValue, estimate.KvCacheBytes);
        Assert.Equal(long.MaxValue, estimate.TotalBytes);
        Assert.Equal(0, estimate.LayersThatFit(long.MaxValue));
    }
}
