using OmniBot.Engine.Loading;

namespace OmniBot.Engine.Tests.Loading;

public sealed class GpuLayersTests
{
    [Theory]
    [InlineData("auto", "auto")]
    [InlineData("AUTO", "auto")]
    [InlineData("all", "all")]
    [InlineData("0", "0")]
    [InlineData(" 33 ", "33")]
    public void Parse_ValidText_RoundTrips(string text, string expected) =>
        Assert.Equal(expected, GpuLayers.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("many")]
    [InlineData("1.5")]
    public void Parse_InvalidText_ThrowsFormatExceptionListingTheChoices(string text)
    {
        var error = Assert.Throws<FormatException>(() => GpuLayers.Parse(text));

        Assert.Contains("auto", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsNoLayersAndAutoIsDistinct()
    {
        Assert.Equal(GpuLayers.None, default);
        Assert.Equal(0, default(GpuLayers).Count);
        Assert.True(GpuLayers.Auto.IsAuto);
        Assert.Null(GpuLayers.Auto.Count);
        Assert.NotEqual(GpuLayers.Auto, GpuLayers.None);
        Assert.Equal(GpuLayers.FromCount(12), GpuLayers.Parse("12"));
    }

    [Fact]
    public void FromCount_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GpuLayers.FromCount(-2));

    [Theory]
    [InlineData(0, null, nameof(ModelLoadOptions.ContextSize))]
    [InlineData(512, 0, nameof(ModelLoadOptions.Threads))]
    public void Validate_OutOfRange_NamesTheOption(int contextSize, int? threads, string option)
    {
        var options = new ModelLoadOptions { ContextSize = contextSize, Threads = threads };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(option, error.ParamName);
    }
}
