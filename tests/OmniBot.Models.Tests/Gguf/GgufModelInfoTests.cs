using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

public sealed class GgufModelInfoTests
{
    [Fact]
    public void FromFile_TinyLlama_DerivesShapeTokenizerAndTemplates()
    {
        var info = Info(SyntheticGguf.TinyLlama());

        Assert.Equal("llama", info.Architecture);
        Assert.Equal("tiny-test-llama", info.Name);
        Assert.Equal("F32", info.FileType);
        Assert.Equal(256, info.ContextLength);
        Assert.Equal(64, info.EmbeddingLength);
        Assert.Equal(2, info.BlockCount);
        Assert.Equal(4, info.HeadCount);
        Assert.Equal(2, info.HeadCountKv);
        Assert.Equal(16, info.KeyLength);
        Assert.Equal(16, info.ValueLength);
        Assert.Equal(128, info.FeedForwardLength);
        Assert.Equal(100, info.VocabSize);
        Assert.Equal(1, info.BosTokenId);
        Assert.Equal(2, info.EosTokenId);
        Assert.Equal("llama", info.TokenizerModel);
        Assert.StartsWith("{% for m in messages %}", info.ChatTemplate, StringComparison.Ordinal);
        Assert.Equal("{{ tools | tojson }}", Assert.Single(info.ChatTemplates, entry => entry.Key == "tool_use").Value);
        Assert.Equal(21, info.TensorCount);

        // Embeddings and output 64×100 each, per layer 2 norms of 64, q/o 64×64, k/v 64×32, three FFN 64×128.
        const long PerLayer = (2 * 64) + (2 * 64 * 64) + (2 * 64 * 32) + (3 * 64 * 128);
        Assert.Equal((2 * 64 * 100) + 64 + (2 * PerLayer), info.ParameterCount);
    }

    [Fact]
    public void FromFile_WithoutFileType_NamesTheTypeHoldingMostWeights()
    {
        var info = Info(new SyntheticGguf().Add("general.architecture", "llama")
            .Tensor("big", GgmlType.Q8_0, 256, 16)
            .Tensor("small", GgmlType.F32, 256)
            .Tensor("medium", GgmlType.F16, 256, 4));

        Assert.Null(info.FileTypeId);
        Assert.Equal("Q8_0", info.FileType);
        Assert.Equal([GgmlType.Q8_0, GgmlType.F16, GgmlType.F32], info.TensorTypes.Select(summary => summary.Type));
        Assert.Equal(new GgufTensorTypeSummary(GgmlType.Q8_0, 1, 4096, 4096 / 32 * 34), info.TensorTypes[0]);
    }

    [Fact]
    public void FromFile_UnknownFileTypeNumber_FallsBackToTheTensorTypes()
    {
        var info = Info(new SyntheticGguf().Add("general.architecture", "llama").Add("general.file_type", 999u).Tensor("w", GgmlType.Q4_K, 256, 2));

        Assert.Equal(999, info.FileTypeId);
        Assert.Equal("Q4_K", info.FileType);
    }

    [Theory]
    [InlineData(15u, "Q4_K_M")]
    [InlineData(7u, "Q8_0")]
    [InlineData(1u, "F16")]
    [InlineData(32u, "BF16")]
    [InlineData(38u, "MXFP4_MOE")]
    [InlineData(1024u + 15, "Q4_K_M")]
    public void FromFile_FileTypeNumber_IsNamedAsLlamaQuantizeNamesIt(uint fileType, string name) =>
        Assert.Equal(name, Info(new SyntheticGguf().Add("general.architecture", "llama").Add("general.file_type", fileType)).FileType);

    [Fact]
    public void FromFile_VocabularyOnlyFile_HasNoFileTypeAndTakesVocabSizeFromTheArchitectureKey()
    {
        var info = Info(new SyntheticGguf().Add("general.architecture", "qwen2").Add("qwen2.vocab_size", 151936u));

        Assert.Null(info.FileType);
        Assert.Equal(151936, info.VocabSize);
        Assert.Equal(0, info.ParameterCount);
        Assert.Null(info.BlockCount);
        Assert.Null(info.ChatTemplate);
    }

    [Fact]
    public void FromFile_PerLayerHeadCounts_ReportTheLargestAndDefaultKvHeadsToHeads()
    {
        var info = Info(new SyntheticGguf().Add("general.architecture", "openelm")
            .Add("openelm.block_count", 3u)
            .Add("openelm.embedding_length", 96u)
            .Add("openelm.attention.head_count", GgufValue.FromArray(GgufArray.Create<int>([3, 4, 6])))
            .Add("openelm.attention.key_length", 32u));

        Assert.Equal(6, info.HeadCount);
        Assert.Equal(6, info.HeadCountKv);
        Assert.Equal(32, info.KeyLength);
        Assert.Equal(32, info.ValueLength);
    }

    [Fact]
    public void FromFile_EmbeddingModel_ReportsItsPooling()
    {
        var info = Info(new SyntheticGguf().Add("general.architecture", "bert").Add("bert.pooling_type", 2u));

        Assert.Equal(GgufPoolingType.Cls, info.PoolingType);
    }

    internal static GgufModelInfo Info(SyntheticGguf model) => GgufModelInfo.FromFile(GgufReader.Read(new MemoryStream(model.Build())));
}
