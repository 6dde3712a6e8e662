using LLama.Native;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.TestModels;

/// <summary>Theory data and expectations shared by the synthetic model tests.</summary>
internal static class TestModelVariants
{
    public static TheoryData<TestArchitecture, TestQuantization> All()
    {
        var data = new TheoryData<TestArchitecture, TestQuantization>();
        foreach (var architecture in Enum.GetValues<TestArchitecture>())
        {
            foreach (var quantization in Enum.GetValues<TestQuantization>())
            {
                data.Add(architecture, quantization);
            }
        }

        return data;
    }

    public static LLamaFtype ExpectedFileType(TestQuantization quantization) => quantization switch
    {
        TestQuantization.F32 => LLamaFtype.ALL_F32,
        TestQuantization.F16 => LLamaFtype.MOSTLY_F16,
        TestQuantization.Q8_0 => LLamaFtype.MOSTLY_Q8_0,
        TestQuantization.Q4_K_M => LLamaFtype.MOSTLY_Q4_K_M,
        _ => throw new ArgumentOutOfRangeException(nameof(quantization)),
    };

    /// <summary>Counted from the tensors llama.cpp expects; qwen2 adds q/k/v biases and ties its output head.</summary>
    public static ulong ExpectedParameterCount(TestModelSpec spec)
    {
        ulong embedding = (ulong)spec.EmbeddingLength;
        ulong keyValue = (ulong)(spec.HeadDimension * spec.HeadCountKv);
        ulong feedForward = (ulong)spec.FeedForwardLength;
        ulong vocabulary = (ulong)spec.VocabSize;
        var perLayer = (2 * embedding) + (2 * embedding * embedding) + (2 * embedding * keyValue) + (3 * embedding * feedForward);
        var isQwen2 = spec.Architecture == TestArchitecture.Qwen2;
        if (isQwen2)
        {
            perLayer += embedding + (2 * keyValue);
        }

        var total = (vocabulary * embedding) + ((ulong)spec.BlockCount * perLayer) + embedding;
        return isQwen2 ? total : total + (vocabulary * embedding);
    }
}
