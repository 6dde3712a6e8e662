using OmniBot.Models.Catalog;
using OmniBot.Models.Downloads;
using OmniBot.Models.Store;

namespace OmniBot.Models.Tests.Catalog;

public sealed class ModelCatalogTests
{
    [Fact]
    public void Entries_AreUniqueNamesWithHuggingFaceQuantSources()
    {
        Assert.Equal(ModelCatalog.Entries.Count, ModelCatalog.Entries.Select(e => e.Name).Distinct().Count());
        Assert.All(ModelCatalog.Entries, entry =>
        {
            Assert.True(ModelSource.TryParse(entry.Source, out var source));
            Assert.Equal(ModelSourceKind.HuggingFaceQuant, source.Kind);
            Assert.True(entry.ApproximateBytes > 10_000_000);
        });
    }

    [Theory]
    [InlineData("qwen2.5:0.5b", "hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M")]
    [InlineData("Qwen2.5:1.5B", "hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF:Q4_K_M")]
    [InlineData("qwen2.5", "hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF:Q4_K_M")]
    [InlineData("llama3.2:1b", "hf:bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")]
    [InlineData("phi3.5:3.8b", "hf:bartowski/Phi-3.5-mini-instruct-GGUF:Q4_K_M")]
    public void Find_ShortName_GivesItsSource(string name, string source)
    {
        Assert.Equal(source, ModelCatalog.Find(ModelRef.Parse(name))?.Source);
    }

    [Fact]
    public void Find_UnknownTag_IsNull()
    {
        Assert.Null(ModelCatalog.Find(ModelRef.Parse("qwen2.5:99b")));
    }
}
