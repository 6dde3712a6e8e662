using OmniBot.Models.Gguf;
using OmniBot.TestModels;

namespace OmniBot.Models.Tests.Gguf;

/// <summary>Reads the synthetic test models (both architectures, every quantization) and checks their facts against their spec.</summary>
public sealed class GgufTestModelTests
{
    public static TheoryData<TestArchitecture, TestQuantization, string> Models()
    {
        var data = new TheoryData<TestArchitecture, TestQuantization, string>();
        foreach (var architecture in Enum.GetValues<TestArchitecture>())
        {
            foreach (var (quantization, fileType) in new[] { (TestQuantization.F32, "F32"), (TestQuantization.F16, "F16"), (TestQuantization.Q8_0, "Q8_0"), (TestQuantization.Q4_K_M, "Q4_K_M") })
            {
                data.Add(architecture, quantization, fileType);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ModelInfo_TinyTestModel_MatchesItsSpec(TestArchitecture architecture, TestQuantization quantization, string fileType)
    {
        var spec = TestModelSpec.Tiny(architecture);

        var info = GgufModelInfo.Read(TestModelFiles.GetPath(spec, quantization));

        Assert.Equal(architecture.ToString().ToLowerInvariant(), info.Architecture);
        Assert.Equal(fileType, info.FileType);
        Assert.Equal(spec.EmbeddingLength, info.EmbeddingLength);
        Assert.Equal(spec.BlockCount, info.BlockCount);
        Assert.Equal(spec.HeadCount, info.HeadCount);
        Assert.Equal(spec.HeadCountKv, info.HeadCountKv);
        Assert.Equal(spec.FeedForwardLength, info.FeedForwardLength);
        Assert.Equal(spec.VocabSize, info.VocabSize);
        Assert.Equal(spec.ContextLength, info.ContextLength);
        Assert.Equal(spec.HeadDimension, info.KeyLength);
        Assert.Contains("<|im_start|>", info.ChatTemplate, StringComparison.Ordinal);
        Assert.Equal(architecture == TestArchitecture.Llama ? "llama" : "gpt2", info.TokenizerModel);
        Assert.NotNull(info.EosTokenId);
        Assert.Null(info.PoolingType);
        Assert.Equal(info.File.FileSize - info.File.DataOffset, info.TensorDataBytes, tolerance: info.File.Alignment * info.TensorCount);
    }

    [Fact]
    public void ModelInfo_QuantizedTestModel_SummarizesItsTensorTypes()
    {
        var info = GgufModelInfo.Read(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q4_K_M));

        Assert.Equal(15, info.FileTypeId);
        Assert.Contains(info.TensorTypes, summary => summary.Type == GgmlType.Q4_K || summary.Type == GgmlType.Q6_K);
        Assert.Contains(info.TensorTypes, summary => summary.Type == GgmlType.F32);
        Assert.Equal(info.TensorCount, info.TensorTypes.Sum(summary => summary.TensorCount));
        Assert.Equal(info.ParameterCount, info.TensorTypes.Sum(summary => summary.ElementCount));
        Assert.True(info.TensorTypes.Zip(info.TensorTypes.Skip(1)).All(pair => pair.First.ByteSize >= pair.Second.ByteSize));
    }
}
