using LLama.Native;
using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Tests.Runtime;

public sealed class NativeLogLineBufferTests
{
    [Fact]
    public void Append_PartialLineThenContinuation_EmitsOneLineAtTheFirstLevel()
    {
        var buffer = new NativeLogLineBuffer();

        Assert.Empty(buffer.Append(LLamaLogLevel.Info, "llama_model_load: loading"));
        Assert.Empty(buffer.Append(LLamaLogLevel.Continue, "."));
        var lines = buffer.Append(LLamaLogLevel.Continue, ". done\n");

        Assert.Equal([(LLamaLogLevel.Info, "llama_model_load: loading.. done")], lines);
    }

    [Fact]
    public void Append_SeveralLinesInOneCall_EmitsEachLine()
    {
        var buffer = new NativeLogLineBuffer();

        var lines = buffer.Append(LLamaLogLevel.Warning, "first\nsecond\r\nthird");

        Assert.Equal([(LLamaLogLevel.Warning, "first"), (LLamaLogLevel.Warning, "second")], lines);
        Assert.Equal([(LLamaLogLevel.Warning, "third")], buffer.Append(LLamaLogLevel.Continue, "\n"));
    }

    [Fact]
    public void Append_NewMessageAfterUnfinishedLine_FlushesTheUnfinishedLineFirst()
    {
        var buffer = new NativeLogLineBuffer();
        buffer.Append(LLamaLogLevel.Info, "....");

        var lines = buffer.Append(LLamaLogLevel.Error, "failed to load\n");

        Assert.Equal([(LLamaLogLevel.Info, "...."), (LLamaLogLevel.Error, "failed to load")], lines);
    }

    [Fact]
    public void Append_BlankLines_AreDropped()
    {
        var buffer = new NativeLogLineBuffer();

        Assert.Empty(buffer.Append(LLamaLogLevel.Info, "\n\n  \n"));
    }

    [Theory]
    [InlineData(LLamaLogLevel.Error, Microsoft.Extensions.Logging.LogLevel.Error)]
    [InlineData(LLamaLogLevel.Warning, Microsoft.Extensions.Logging.LogLevel.Warning)]
    [InlineData(LLamaLogLevel.Info, Microsoft.Extensions.Logging.LogLevel.Debug)]
    [InlineData(LLamaLogLevel.Debug, Microsoft.Extensions.Logging.LogLevel.Trace)]
    public void ToLogLevel_MapsLlamaLevels(LLamaLogLevel native, Microsoft.Extensions.Logging.LogLevel expected) =>
        Assert.Equal(expected, NativeLogForwarder.ToLogLevel(native));
}
