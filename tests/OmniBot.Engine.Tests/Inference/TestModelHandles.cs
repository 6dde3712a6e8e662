using System.Collections.Concurrent;
using LLama.Native;
using OmniBot.Engine.Runtime;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Inference;

/// <summary>Loads each synthetic model once per test process; the weights are read-only and shared.</summary>
internal static class TestModelHandles
{
    private static readonly ConcurrentDictionary<(TestArchitecture, TestQuantization), Lazy<SafeLlamaModelHandle>> Models = new();

    public static SafeLlamaModelHandle Get(TestArchitecture architecture, TestQuantization quantization = TestQuantization.Q8_0) =>
        Models.GetOrAdd((architecture, quantization), key => new Lazy<SafeLlamaModelHandle>(() => Load(key.Item1, key.Item2))).Value;

    private static SafeLlamaModelHandle Load(TestArchitecture architecture, TestQuantization quantization)
    {
        LlamaRuntime.EnsureInitialized();
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(architecture), quantization);
        return SafeLlamaModelHandle.LoadFromFile(path, LLamaModelParams.Default());
    }
}
