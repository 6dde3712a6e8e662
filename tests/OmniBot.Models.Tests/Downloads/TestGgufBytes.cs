using OmniBot.TestModels;

namespace OmniBot.Models.Tests.Downloads;

/// <summary>Real synthetic GGUF models as bytes, for serving.</summary>
internal static class TestGgufBytes
{
    public static byte[] Llama(TestQuantization quantization = TestQuantization.Q8_0) =>
        File.ReadAllBytes(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), quantization));

    public static byte[] Qwen(TestQuantization quantization = TestQuantization.Q8_0) =>
        File.ReadAllBytes(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), quantization));
}
