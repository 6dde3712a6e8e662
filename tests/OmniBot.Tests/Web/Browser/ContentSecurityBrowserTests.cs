using Microsoft.Playwright;
using OmniBot.Tests.Server;
using OmniBot.Tests.Web.Backends;
using static Microsoft.Playwright.Assertions;
using static OmniBot.Tests.Web.Browser.ChatPageActions;

namespace OmniBot.Tests.Web.Browser;

/// <summary>The UI under its Content-Security-Policy, and replies built to leak (remote images) or to break the page (deep nesting).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task EveryPage_UnderThePolicy_WorksWithoutViolationsAndARemoteImageIsBlocked()
    {
        await using var context = await fixture.NewContextAsync();
        var log = await CspViolationLog.ListenAsync(context);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/");
        Assert.Contains("frame-ancestors 'none'", await response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await Expect(page.Locator(".app[data-interactive='true']")).ToBeVisibleAsync();

        await ApplySettingsAsync(page, maxTokens: 8);
        await SendAndWaitAsync(page, "Hello under the policy");
        var theme = await page.EvaluateAsync<string>("document.documentElement.dataset.theme");
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch between light and dark theme" }).ClickAsync();
        await Expect(page.Locator("html")).Not.ToHaveAttributeAsync("data-theme", theme);
        foreach (var path in new[] { "/library", "/hardware", "/backends", "/no-such-page" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator(".app[data-interactive='true']")).ToBeVisibleAsync();
        }

        await page.GotoAsync("/login");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Empty(log.Violations);

        // The listener does see violations: a remote image added by script is refused by img-src.
        await page.GotoAsync("/backends");
        await page.EvaluateAsync("() => { const image = new Image(); image.src = 'http://127.0.0.1:9/pixel.png'; document.body.append(image); }");
        Assert.Equal("img-src http://127.0.0.1:9/pixel.png", await log.FirstViolation.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(log.Violations);
    }

    [Fact]
    public async Task RemoteReply_WithAnImage_FetchesNothingUntilTheReaderClicksLoadImage()
    {
        await using var imageHost = await FakeRemoteServer.StartAsync();
        var imageUrl = new Uri(imageHost.Address, "pixel.png?reader=1").ToString();
        await using var remote = await FakeRemoteServer.StartAsync(reply: $"Here you go: ![tracking pixel]({imageUrl}) and [a page]({imageHost.Address}page).");
        await using var server = await OmniBotTestServer.StartAsync();
        await using var context = await fixture.NewContextAsync(server: server);
        var log = await CspViolationLog.ListenAsync(context);
        var chat = await OpenChatOnRemoteAsync(context, remote);

        var answer = await SendAndWaitAsync(chat, "Show me a picture");

        var placeholder = answer.Locator("[data-image-placeholder]");
        await Expect(placeholder.Locator(".image-placeholder-alt")).ToHaveTextAsync("Image: tracking pixel");
        await Expect(placeholder.Locator(".image-placeholder-url")).ToHaveTextAsync(imageUrl);
        await Expect(answer.Locator("img")).ToHaveCountAsync(0);
        await PageScreenshots.SaveAsync(chat, "chat-image-placeholder");
        var opened = await context.RunAndWaitForPageAsync(() => placeholder.GetByRole(AriaRole.Link, new() { Name = "Load image" }).ClickAsync());
        await opened.WaitForLoadStateAsync();

        // The one request the image host ever saw is the reader's click, and it names no referring page.
        var request = Assert.Single(imageHost.Requests);
        Assert.Equal("/pixel.png?reader=1", request.PathAndQuery);
        Assert.Equal("", request.Referer);
        Assert.Empty(log.Violations);
    }

    [Fact]
    public async Task RemoteReply_NestedTooDeeplyForMarkdown_IsShownAsTextAndTheConversationGoesOn()
    {
        var deep = new string('>', 200) + " <b>two hundred levels</b>";
        await using var remote = await FakeRemoteServer.StartAsync(reply: deep);
        await using var server = await OmniBotTestServer.StartAsync();
        await using var context = await fixture.NewContextAsync(server: server);
        var chat = await OpenChatOnRemoteAsync(context, remote);

        var first = await SendAndWaitAsync(chat, "Quote yourself");

        await Expect(first.Locator(".markdown pre.markdown-plain")).ToHaveTextAsync(deep);
        await Expect(first.Locator(".markdown-note")).ToContainTextAsync("nested too deeply");
        await Expect(first.Locator("blockquote, b")).ToHaveCountAsync(0);
        var second = await SendAndWaitAsync(chat, "And again");
        await Expect(chat.Locator("article[data-role='assistant'][data-state='complete']")).ToHaveCountAsync(2);
        await Expect(second.Locator(".markdown pre.markdown-plain")).ToHaveTextAsync(deep);
        await Expect(chat.Locator("#blazor-error-ui")).ToBeHiddenAsync();

        await chat.ReloadAsync();
        await Expect(chat.Locator(".app[data-interactive='true']")).ToBeVisibleAsync();
        await Expect(chat.Locator("article[data-role='assistant'] pre.markdown-plain")).ToHaveCountAsync(2);
        await SendAndWaitAsync(chat, "Once more after the reload");
        await Expect(chat.Locator("article[data-role='assistant'][data-state='complete']")).ToHaveCountAsync(3);
        await Expect(chat.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task UiPage_InAnotherPagesFrame_IsNotShown()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        // SetContent waits for the load event, which waits for the frame to load or to be refused.
        await page.SetContentAsync($"<iframe src=\"{fixture.Server.BaseAddress}\" title=\"framed\"></iframe>");

        var frame = Assert.Single(page.MainFrame.ChildFrames);
        Assert.Equal(0, await frame.Locator(".app").CountAsync());
        Assert.DoesNotContain("OmniBot", await frame.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UnderThePolicy_PostsTheFormAndOpensTheUi()
    {
        // A referrer policy of no-referrer would make the browser send "Origin: null" with the form, which the server refuses.
        await using var server = await OmniBotTestServer.StartAsync(options => options with { ApiKey = "sesame" });
        await using var context = await fixture.NewContextAsync(server: server);
        var log = await CspViolationLog.ListenAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");

        await page.GetByLabel("API key").FillAsync("sesame");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator(".app[data-interactive='true']")).ToBeVisibleAsync();
        Assert.Empty(log.Violations);
    }

    /// <summary>Adds <paramref name="remote"/> as an OpenAI-compatible backend and opens the chat on it.</summary>
    private static async Task<IPage> OpenChatOnRemoteAsync(IBrowserContext context, FakeRemoteServer remote)
    {
        var backends = await BrowserFixture.OpenInteractiveAsync(context, "/backends");
        await backends.GetByLabel("Kind").SelectOptionAsync("OpenAI");
        await backends.GetByLabel("Name").FillAsync("Fake vLLM");
        await backends.GetByLabel("URL").FillAsync(new Uri(remote.Address, "v1").ToString());
        await backends.GetByRole(AriaRole.Button, new() { Name = "Add backend" }).ClickAsync();
        await Expect(backends.Locator("li.backend", new() { HasText = "Fake vLLM" }).Locator(".probe")).ToHaveTextAsync("Connected: 2 models.");

        var chat = await BrowserFixture.OpenInteractiveAsync(context, "/");
        await chat.GetByRole(AriaRole.Combobox, new() { Name = "Backend" }).SelectOptionAsync(new SelectOptionValue { Label = "Fake vLLM" });
        await Expect(chat.GetByRole(AriaRole.Combobox, new() { Name = "Model" })).ToHaveValueAsync("remote-a");
        return chat;
    }
}
