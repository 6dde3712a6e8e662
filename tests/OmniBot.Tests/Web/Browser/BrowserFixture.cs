using Microsoft.Playwright;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Web.Browser;

/// <summary>
/// A real <c>omnibot serve</c> (see <see cref="OmniBotTestServer"/>) and one headless Debian Chromium driven by Playwright,
/// shared by the browser tests of a collection. Each test opens its own browser context for isolation.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private OmniBotTestServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public OmniBotTestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Where screenshots of the main pages go, for a reviewer to look at: <c>screenshots/</c> beside the test assembly.</summary>
    public static string ScreenshotDirectory => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {ChromiumPath}: apt-get install chromium (./test.sh does this as root).");
        }

        // The library tests pull from loopback file servers: a mirror of one's own, as far as the server can tell.
        _server = await OmniBotTestServer.StartAsync(PrivatePullsServerFixture.AllowPrivatePulls);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
            ],
        });
    }

    /// <summary>
    /// A fresh browser context on the server (or on <paramref name="server"/>, for a test that needs its own),
    /// at desktop size unless <paramref name="viewport"/> says otherwise.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null, OmniBotTestServer? server = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (server ?? Server).BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>Opens <paramref name="path"/> and waits until the page's live connection is up (clicks before that are lost).</summary>
    public static async Task<IPage> OpenInteractiveAsync(IBrowserContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator(".app[data-interactive='true']")).ToBeVisibleAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
