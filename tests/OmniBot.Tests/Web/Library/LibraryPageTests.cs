using Bunit;
using OmniBot.Engine.Hosting;
using OmniBot.Models.Store;
using OmniBot.Models.Tests.Downloads;
using OmniBot.TestModels;
using OmniBot.TestModels.Bert;
using OmniBot.Web.Library;
using LibraryPage = OmniBot.Web.Components.Pages.Library;

namespace OmniBot.Tests.Web.Library;

public sealed class LibraryPageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Render_StoreWithTwoTagsOfOneName_ShowsThemSideBySideInOneGroup()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("tiny:v1");
        await context.ImportAsync("tiny:v2", TestArchitecture.Qwen2);
        await context.ImportAsync("other:latest");

        var page = context.Render<LibraryPage>();

        var group = page.Find("article[data-model='tiny']");
        Assert.Equal(["tiny:v1", "tiny:v2"], group.QuerySelectorAll("tr[data-tag]").Select(row => row.GetAttribute("data-tag")));
        var v2 = group.QuerySelector("tr[data-tag='tiny:v2']")!;
        Assert.Equal("Q8_0", v2.QuerySelector("[data-label=Quantization]")!.TextContent);
        Assert.Equal("qwen2", v2.QuerySelector("[data-label=Architecture]")!.TextContent);
        Assert.Equal("On disk", v2.QuerySelector("[data-label=Status]")!.TextContent.Trim());
        Assert.NotNull(page.Find("article[data-model='other']"));
    }

    [Fact]
    public async Task Render_ModelLoadedWhileThePageIsOpen_ShowsItAsLoaded()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("tiny:v1");
        var page = context.Render<LibraryPage>();
        Assert.Equal("On disk", page.Find("tr[data-tag='tiny:v1'] [data-label=Status]").TextContent.Trim());

        using var lease = await context.Host.AcquireAsync(new ModelSpec("tiny:v1", context.Store.GetModelPath(ModelRef.Parse("tiny:v1"))));

        page.WaitForAssertion(() => Assert.Equal("Loaded", page.Find("tr[data-tag='tiny:v1'] [data-label=Status]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task DeleteTag_OfALoadedModel_UnloadsItAndRemovesIt()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("tiny:v1");
        var spec = new ModelSpec("tiny:v1", context.Store.GetModelPath(ModelRef.Parse("tiny:v1")));
        (await context.Host.AcquireAsync(spec)).Dispose();
        var unloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        context.Host.LoadedModelsChanged += (_, _) =>
        {
            if (context.Host.Loaded.Count == 0)
            {
                unloaded.TrySetResult();
            }
        };
        var page = context.Render<LibraryPage>();
        Assert.Equal("Loaded", page.Find("tr[data-tag='tiny:v1'] [data-label=Status]").TextContent.Trim());

        page.Find("button[aria-label='Delete tiny:v1']").Click();
        page.Find("button[aria-label='Yes, delete tiny:v1']").Click();

        await unloaded.Task.WaitAsync(Wait);
        Assert.Null(context.Store.Find(ModelRef.Parse("tiny:v1")));
        Assert.Equal("Deleted tiny:v1.", page.Find("[role=status]").TextContent);
        Assert.Empty(page.FindAll("article[data-model='tiny']"));
    }

    [Fact]
    public async Task PullForm_StalledDownload_ShowsLiveProgressThenCancelsAndResumesIntoTheInstalledList()
    {
        using var context = new LibraryComponentContext();
        await using var files = await LoopbackModelServer.StartAsync();
        var content = await File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0));
        files.EnqueueFault(ServerFault.StallAfter(64 * 1024));
        var url = files.AddFile("/models/stalled.gguf", content);
        var page = context.Render<LibraryPage>();

        page.Find("#pull-source").Change(url.AbsoluteUri);
        page.Find("#pull-name").Change("stalled:v1");
        page.Find("form.pull-form").Submit();
        await files.Stalled.Task.WaitAsync(Wait);

        page.WaitForAssertion(
            () => Assert.Equal($"0 B of {LibraryFormat.Bytes(content.Length)}", page.Find("li[data-state=running] .pull-bytes").TextContent),
            Wait);
        page.Find("button[aria-label='Cancel pulling stalled:v1']").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("li[data-state=cancelled] button[aria-label='Resume pulling stalled:v1']")), Wait);
        Assert.Empty(page.FindAll("article[data-model='stalled']"));
        var saved = Assert.Single(context.Pulls.Jobs).Progress!;
        Assert.Equal($"{LibraryFormat.Transferred(saved)} downloaded so far.", page.Find("li[data-state=cancelled] .pull-bytes").TextContent);

        page.Find("button[aria-label='Resume pulling stalled:v1']").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("article[data-model='stalled'] tr[data-tag='stalled:v1']")), Wait);
        Assert.NotNull(context.Store.Find(ModelRef.Parse("stalled:v1")));
        // The resume asked for the rest: from the bytes the cancelled pull said it kept.
        Assert.Equal(saved.BytesDone, files.RequestsFor("/models/stalled.gguf").Last().RangeStart);
    }

    [Fact]
    public void PullForm_InvalidName_ShowsTheMessageAndStartsNothing()
    {
        using var context = new LibraryComponentContext();
        var page = context.Render<LibraryPage>();

        page.Find("#pull-source").Change("https://127.0.0.1:1/x.gguf");
        page.Find("#pull-name").Change("../escape");
        page.Find("form.pull-form").Submit();

        Assert.Contains("is not a valid model name", page.Find("form.pull-form [role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(context.Pulls.Jobs);
    }

    [Fact]
    public async Task CatalogDownload_Clicked_PullsTheEntryAndMarksItInstalled()
    {
        await using var files = await LoopbackModelServer.StartAsync();
        var content = await File.ReadAllBytesAsync(BertTestModelFiles.GetPath(BertTestModelSpec.TinyEmbedder));
        files.AddRepository("second-state", "All-MiniLM-L6-v2-Embedding-GGUF", [("all-MiniLM-L6-v2-Q8_0.gguf", content)]);
        using var context = new LibraryComponentContext(huggingFace: files.BaseUri);
        var page = context.Render<LibraryPage>();

        page.Find("button[aria-label='Download all-minilm:l6-v2']").Click();

        page.WaitForAssertion(() => Assert.Equal("Installed", page.Find("tr[data-model='all-minilm:l6-v2'] .badge").TextContent), Wait);
        Assert.NotNull(page.Find("article[data-model='all-minilm'] tr[data-tag='all-minilm:l6-v2']"));
        Assert.Equal("all-minilm:l6-v2", Assert.Single(context.Pulls.Jobs).Source);
    }
}
