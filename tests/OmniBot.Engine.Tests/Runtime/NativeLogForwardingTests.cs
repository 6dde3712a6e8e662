using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Runtime;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Runtime;

public sealed class NativeLogForwardingTests
{
    [Fact]
    public async Task Initialize_WithLoggerFactory_SendsLlamaCppLogAsWholeLines()
    {
        using var loggers = new CollectingLoggerFactory();
        LlamaRuntime.Initialize(new LlamaRuntimeOptions(), loggers);
        try
        {
            using var model = await LlamaModel.LoadAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0));
        }
        finally
        {
            LlamaRuntime.Initialize(new LlamaRuntimeOptions(), NullLoggerFactory.Instance);
        }

        var native = loggers.Entries.Where(e => e.Category == "llama.cpp").ToList();
        Assert.Contains(native, e => e.Level == LogLevel.Debug && e.Message.Contains("llama_model_loader", StringComparison.Ordinal));
        Assert.All(native, e => Assert.DoesNotContain('\n', e.Message));
        Assert.All(native, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }
}
