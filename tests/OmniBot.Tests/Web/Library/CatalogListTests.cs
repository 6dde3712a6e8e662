using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Models.Catalog;
using OmniBot.Web.Components.Library;
using OmniBot.Web.Library;

namespace OmniBot.Tests.Web.Library;

public sealed class CatalogListTests
{
    [Fact]
    public async Task Render_EntryInTheStore_ShowsInstalledInsteadOfDownload()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("qwen2.5:0.5b", OmniBot.TestModels.TestArchitecture.Qwen2);
        var items = context.Services.GetRequiredService<ModelLibrary>().ListCatalog();

        var list = context.Render<CatalogList>(parameters => parameters.Add(p => p.Items, items));

        var installed = list.Find("tr[data-model='qwen2.5:0.5b']");
        Assert.Equal("Installed", installed.QuerySelector(".badge")!.TextContent);
        Assert.Null(installed.QuerySelector("button"));
        var other = list.Find("tr[data-model='qwen2.5:1.5b']");
        Assert.NotNull(other.QuerySelector("button[aria-label='Download qwen2.5:1.5b']"));
        Assert.Equal(ModelCatalog.Entries.Count, list.FindAll("tbody tr").Count);
    }

    [Fact]
    public void DownloadButton_Clicked_RaisesOnDownloadWithTheEntry()
    {
        using var context = new LibraryComponentContext();
        CatalogEntry? chosen = null;
        var items = context.Services.GetRequiredService<ModelLibrary>().ListCatalog();
        var list = context.Render<CatalogList>(parameters => parameters.Add(p => p.Items, items).Add(p => p.OnDownload, entry => chosen = entry));

        list.Find("button[aria-label='Download llama3.2:1b']").Click();

        Assert.Equal("llama3.2:1b", chosen?.Name.ToString());
    }

    [Fact]
    public void Render_EntryBeingPulled_ShowsDownloadingWithoutAButton()
    {
        using var context = new LibraryComponentContext();
        var items = context.Services.GetRequiredService<ModelLibrary>().ListCatalog();

        var list = context.Render<CatalogList>(parameters => parameters.Add(p => p.Items, items).Add(p => p.Downloading, new HashSet<string> { "gemma2:2b" }));

        var row = list.Find("tr[data-model='gemma2:2b']");
        Assert.Equal("Downloading", row.QuerySelector(".badge")!.TextContent);
        Assert.Null(row.QuerySelector("button"));
    }
}
