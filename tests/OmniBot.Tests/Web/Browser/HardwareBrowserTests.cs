using Microsoft.Playwright;
using OmniBot.Tests.Server;
using static Microsoft.Playwright.Assertions;

namespace OmniBot.Tests.Web.Browser;

[Collection(BrowserCollection.Name)]
public sealed class HardwareBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Hardware_ShowsTheCpuBackendAndAFitEstimatePerModel()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/hardware");

        await Expect(page.Locator(".hw-backend")).ToContainTextAsync("CPU");
        await Expect(page.Locator("tr[data-used='true']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".fit-context")).ToContainTextAsync("512 tokens of context × 2 slots");
        foreach (var name in new[] { OmniBotTestServer.Llama, OmniBotTestServer.Qwen, OmniBotTestServer.Embedder, OmniBotTestServer.Reranker })
        {
            var row = page.Locator($"tr[data-model='{name}:latest']");
            await Expect(row.Locator(".badge")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Fits|Tight|Does not fit)$"));
            await Expect(row.Locator(".fit-ram")).ToContainTextAsync("available");
        }

        await PageScreenshots.SaveAsync(page, "hardware");
    }

    [Fact]
    public async Task Hardware_AtPhoneWidth_NeedsNoSidewaysScrolling()
    {
        await using var context = await fixture.NewContextAsync(PageScreenshots.Phone);
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/hardware");
        await Expect(page.Locator($"tr[data-model='{OmniBotTestServer.Llama}:latest']")).ToBeVisibleAsync();

        Assert.False(await PageScreenshots.OverflowsSidewaysAsync(page));
    }
}
