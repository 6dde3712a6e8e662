using OmniBot.Models.Store;

namespace OmniBot.Models.Tests.Store;

public sealed class ModelRefTests
{
    [Theory]
    [InlineData("qwen2.5", "qwen2.5", "latest")]
    [InlineData("qwen2.5:0.5b", "qwen2.5", "0.5b")]
    [InlineData("Llama3.2:1B", "llama3.2", "1b")]
    [InlineData("my_model-v2:q4_k_m", "my_model-v2", "q4_k_m")]
    public void Parse_ValidNames_SplitsNameAndTag(string text, string name, string tag)
    {
        var parsed = ModelRef.Parse(text);

        Assert.Equal(name, parsed.Name);
        Assert.Equal(tag, parsed.Tag);
        Assert.Equal($"{name}:{tag}", parsed.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a..b")]
    [InlineData(".hidden")]
    [InlineData("name:")]
    [InlineData(":tag")]
    [InlineData("a:b:c")]
    [InlineData("a b")]
    [InlineData("a:../b")]
    [InlineData("naïve")]
    public void Parse_NamesThatCouldEscapeOrAreOdd_AreRefused(string text)
    {
        var ex = Assert.Throws<InvalidModelNameException>(() => ModelRef.Parse(text));

        Assert.Contains("qwen2.5:0.5b", ex.Message, StringComparison.Ordinal);
        Assert.False(ModelRef.TryParse(text, out _));
    }

    [Theory]
    [InlineData("Qwen2.5-0.5B-Instruct", "qwen2.5-0.5b-instruct")]
    [InlineData("../weird name!!", "weird-name")]
    [InlineData("...", "model")]
    public void Sanitize_FreeText_GivesAValidName(string text, string expected)
    {
        var sanitized = ModelRef.Sanitize(text);

        Assert.Equal(expected, sanitized);
        Assert.True(ModelRef.TryParse(sanitized, out _));
    }

    [Fact]
    public void ResolveRoot_ExplicitFolderWinsOverOmniBotHome()
    {
        var previous = Environment.GetEnvironmentVariable(ModelStore.HomeEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ModelStore.HomeEnvironmentVariable, "/tmp/omnibot-home-test");
            Assert.Equal(Path.GetFullPath("/tmp/omnibot-home-test/models"), ModelStore.ResolveRoot());
            Assert.Equal(Path.GetFullPath("/tmp/elsewhere"), ModelStore.ResolveRoot("/tmp/elsewhere"));
            Environment.SetEnvironmentVariable(ModelStore.HomeEnvironmentVariable, null);
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".omnibot", "models"), ModelStore.ResolveRoot());
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModelStore.HomeEnvironmentVariable, previous);
        }
    }
}
