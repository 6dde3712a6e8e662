using Microsoft.Playwright;
using OmniBot.Models.Store;
using OmniBot.Models.Tests.Downloads;
using OmniBot.TestModels;
using OmniBot.Tests.Server;
using OmniBot.Web.Library;
using static Microsoft.Playwright.Assertions;

namespace OmniBot.Tests.Web.Browser;

/// <summary>The model library page against the shared real server. Each test uses its own model names; the fixture's four models stay.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LibraryBrowserTests(BrowserFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static Task<byte[]> ModelBytesAsync() =>
        File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0));

    private static async Task PullAsync(IPage page, Uri source, string name)
    {
        await page.GetByLabel("Source", new() { Exact = true }).FillAsync(source.AbsoluteUri);
        await page.GetByLabel("Name (optional)").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pull", Exact = true }).ClickAsync();
    }

    private static ILocator Job(IPage page, string name, string state) => page.Locator($"li.pull-job[aria-label='Pull of {name}'][data-state='{state}']");

    private static ILocator InstalledTag(IPage page, string name) => page.Locator($"tr[data-tag='{name}']");

    [Fact]
    public async Task Library_ListsTheServersModelsWithTheirFacts()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/library");

        foreach (var name in new[] { OmniBotTestServer.Llama, OmniBotTestServer.Qwen, OmniBotTestServer.Embedder, OmniBotTestServer.Reranker })
        {
            await Expect(page.Locator($"article[data-model='{name}'] tr[data-tag='{name}:latest']")).ToBeVisibleAsync();
        }

        await Expect(InstalledTag(page, "tiny-llama:latest").Locator("[data-label=Quantization]")).ToHaveTextAsync("Q8_0");
        await Expect(InstalledTag(page, "tiny-qwen:latest").Locator("[data-label=Architecture]")).ToHaveTextAsync("qwen2");
        await Expect(InstalledTag(page, "tiny-embed:latest").Locator("[data-label=Architecture]")).ToHaveTextAsync("bert");
        await Expect(page.Locator("tr[data-model='qwen2.5:0.5b']").GetByRole(AriaRole.Button, new() { Name = "Download qwen2.5:0.5b" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Pull_FromALocalFileServer_AddsTheModelToTheInstalledList()
    {
        await using var files = await LoopbackModelServer.StartAsync();
        var url = files.AddFile("/models/fresh.gguf", await ModelBytesAsync());
        var name = UniqueName("fresh") + ":v1";
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/library");

        await PullAsync(page, url, name);

        await Expect(Job(page, name, "succeeded")).ToContainTextAsync($"Installed as {name}.");
        await Expect(InstalledTag(page, name).Locator("[data-label=Quantization]")).ToHaveTextAsync("Q8_0");
    }

    [Fact]
    public async Task Pull_StalledThenReloadedCancelledAndResumed_KeepsShowingProgressAndInstallsTheModel()
    {
        await using var files = await LoopbackModelServer.StartAsync();
        var content = await ModelBytesAsync();
        var size = LibraryFormat.Bytes(content.Length);
        files.EnqueueFault(ServerFault.StallAfter(64 * 1024));
        files.EnqueueFault(ServerFault.StallAfter(64 * 1024));
        var url = files.AddFile("/models/stalled.gguf", content);
        var name = UniqueName("stalled") + ":v1";
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/library");

        await PullAsync(page, url, name);
        await files.Stalled.Task.WaitAsync(Wait);
        var running = Job(page, name, "running");
        await Expect(running.Locator(".pull-bytes")).ToHaveTextAsync($"0 B of {size}");

        await page.ReloadAsync();
        await Expect(page.Locator(".app[data-interactive='true']")).ToBeVisibleAsync();
        await Expect(running.Locator(".pull-bytes")).ToHaveTextAsync($"0 B of {size}");
        await running.GetByRole(AriaRole.Button, new() { Name = $"Cancel pulling {name}" }).ClickAsync();
        var cancelled = Job(page, name, "cancelled");
        await Expect(cancelled.Locator(".pull-bytes")).ToHaveTextAsync($"64.0 KiB of {size} downloaded so far.");
        await Expect(InstalledTag(page, name)).ToHaveCountAsync(0);

        // The resumed pull starts from the kept bytes (and stalls once more, so its progress can be seen).
        await cancelled.GetByRole(AriaRole.Button, new() { Name = $"Resume pulling {name}" }).ClickAsync();
        await Expect(running.Locator(".pull-bytes")).ToHaveTextAsync($"64.0 KiB of {size}");
        await Expect(cancelled).ToHaveCountAsync(0);
        await Expect(running.GetByRole(AriaRole.Progressbar, new() { Name = $"Downloading {name}" })).ToHaveAttributeAsync("aria-valuenow", "30");
        await PageScreenshots.SaveAsync(page, "library-pull-in-progress");
        await running.GetByRole(AriaRole.Button, new() { Name = $"Cancel pulling {name}" }).ClickAsync();
        await Expect(running).ToHaveCountAsync(0);
        await cancelled.GetByRole(AriaRole.Button, new() { Name = $"Resume pulling {name}" }).ClickAsync();

        await Expect(Job(page, name, "succeeded")).ToBeVisibleAsync();
        await Expect(InstalledTag(page, name)).ToBeVisibleAsync();
        var ranges = files.RequestsFor("/models/stalled.gguf").Select(request => request.RangeStart).Where(start => start > 0).ToArray();
        Assert.Equal([64 * 1024, 128 * 1024], ranges);
    }

    [Fact]
    public async Task CopyTag_InvalidNameThenValidName_ShowsTheMessageThenTheNewTag()
    {
        var copy = UniqueName("copy") + ":v2";
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/library");
        var row = InstalledTag(page, "tiny-llama:latest");

        await row.GetByRole(AriaRole.Button, new() { Name = "Copy tiny-llama:latest" }).ClickAsync();
        var input = row.GetByLabel("New name for tiny-llama:latest");
        await Expect(input).ToBeFocusedAsync();
        await input.FillAsync("no spaces allowed");
        await input.PressAsync("Enter");
        await Expect(row.GetByRole(AriaRole.Alert)).ToContainTextAsync("is not a valid model name");

        await input.FillAsync(copy);
        await input.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Copied tiny-llama:latest to {copy}.");
        await Expect(InstalledTag(page, copy).Locator("[data-label=Architecture]")).ToHaveTextAsync("llama");
        Assert.NotNull(fixture.Server.Store.Find(ModelRef.Parse(copy)));
        Assert.NotNull(fixture.Server.Store.Find(ModelRef.Parse("tiny-llama:latest")));
    }

    [Fact]
    public async Task DeleteTag_KeepThenConfirm_RemovesOnlyThatTag()
    {
        var doomed = UniqueName("doomed") + ":v1";
        await fixture.Server.Store.CopyAsync(ModelRef.Parse("tiny-qwen:latest"), ModelRef.Parse(doomed));
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/library");
        var row = InstalledTag(page, doomed);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Delete {doomed}" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Keep {doomed}" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Delete {doomed}" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Yes, delete {doomed}" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Deleted {doomed}.");
        await Expect(row).ToHaveCountAsync(0);
        Assert.Null(fixture.Server.Store.Find(ModelRef.Parse(doomed)));
        await Expect(InstalledTag(page, "tiny-qwen:latest")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Library_AtPhoneWidth_NeedsNoSidewaysScrolling()
    {
        await using var context = await fixture.NewContextAsync(PageScreenshots.Phone);
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/library");
        await Expect(InstalledTag(page, "tiny-llama:latest")).ToBeVisibleAsync();

        Assert.False(await PageScreenshots.OverflowsSidewaysAsync(page));
    }
}
