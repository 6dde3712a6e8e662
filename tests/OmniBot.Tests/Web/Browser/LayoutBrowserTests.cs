using Microsoft.Playwright;

namespace OmniBot.Tests.Web.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LayoutBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ThemeButton_SwitchesThemeAndRemembersItAfterAReload()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await BrowserFixture.OpenInteractiveAsync(context, "/not-found");
        var before = await page.EvaluateAsync<string>("document.documentElement.dataset.theme");

        var other = before == "dark" ? "light" : "dark";

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch between light and dark theme" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", other);
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", other);
    }

    [Fact]
    public async Task UnknownAddress_ShowsTheNotFoundPageWithNavigation()
    {
        await using var context = await fixture.NewContextAsync(new ViewportSize { Width = 390, Height = 844 });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/no-such-page");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
    }
}
