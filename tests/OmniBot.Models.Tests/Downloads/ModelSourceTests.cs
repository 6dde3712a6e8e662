using OmniBot.Models.Downloads;

namespace OmniBot.Models.Tests.Downloads;

public sealed class ModelSourceTests
{
    [Fact]
    public void TryParse_HuggingFaceFileWithRevision_SplitsEveryPart()
    {
        Assert.True(ModelSource.TryParse("hf:acme/Repo-GGUF/dir/model-Q4_K_M.gguf@abc123", out var source));

        Assert.Equal(ModelSourceKind.HuggingFaceFile, source.Kind);
        Assert.Equal(("acme", "Repo-GGUF", "dir/model-Q4_K_M.gguf", "abc123"), (source.Owner, source.Repository, source.FilePath, source.Revision));
    }

    [Fact]
    public void TryParse_HuggingFaceQuant_DefaultsToMain()
    {
        Assert.True(ModelSource.TryParse("hf:acme/Repo-GGUF:Q4_K_M", out var source));

        Assert.Equal(ModelSourceKind.HuggingFaceQuant, source.Kind);
        Assert.Equal(("Q4_K_M", "main"), (source.Quantization, source.Revision));
    }

    [Theory]
    [InlineData("hf:acme")]
    [InlineData("hf:acme/repo")]
    [InlineData("hf:acme/repo/readme.md")]
    [InlineData("hf:acme/../x.gguf")]
    [InlineData("hf:acme/repo:")]
    public void TryParse_MalformedHuggingFaceSource_ThrowsShowingTheForms(string text)
    {
        var ex = Assert.Throws<ModelDownloadException>(() => ModelSource.TryParse(text, out _));

        Assert.Contains("hf:OWNER/REPO:QUANT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_UrlAndModelName_AreToldApart()
    {
        Assert.True(ModelSource.TryParse("https://example.com/m.gguf", out var url));
        Assert.Equal(ModelSourceKind.Url, url.Kind);
        Assert.False(ModelSource.TryParse("qwen2.5:0.5b", out _));
    }
}
