using Microsoft.Playwright;

namespace OmniBot.Tests.Web.Browser;

/// <summary>Saves a page in both themes at desktop and phone width into <see cref="BrowserFixture.ScreenshotDirectory"/>.</summary>
internal static class PageScreenshots
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Writes <c>NAME-{light,dark}-{desktop,phone}.png</c>, leaving the page in its original theme and size.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var theme = await page.EvaluateAsync<string>("document.documentElement.dataset.theme");
        var size = page.ViewportSize;
        foreach (var (label, viewport) in new[] { ("desktop", Desktop), ("phone", Phone) })
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            foreach (var mode in new[] { "light", "dark" })
            {
                await page.EvaluateAsync("mode => { document.documentElement.dataset.theme = mode; window.scrollTo(0, 0); }", mode);
                var path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"{name}-{mode}-{label}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
            }
        }

        await page.EvaluateAsync("mode => document.documentElement.dataset.theme = mode", theme);
        if (size is not null)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }

    /// <summary>Whether the page is wider than the window (content that forces sideways scrolling).</summary>
    public static Task<bool> OverflowsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
}
