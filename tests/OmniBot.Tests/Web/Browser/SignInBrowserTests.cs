using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OmniBot.Server.Security;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Web.Browser;

/// <summary>A server with an API key, used from Chromium: the sign-in form, the live UI on the session cookie, signing out.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SignInBrowserTests(BrowserFixture fixture)
{
    private const string Key = "sesame-0123456789";

    [Fact]
    public async Task SignIn_WithTheKey_OpensTheLiveUiAndSignOutClosesIt()
    {
        await using var server = await OmniBotTestServer.StartAsync(options => options with { ApiKey = Key });
        await using var context = await fixture.NewContextAsync(server: server);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/library");
        await Assertions.Expect(page).ToHaveURLAsync(LoginAddress());
        await page.GetByLabel("API key").FillAsync(Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Interactive means the live connection (a WebSocket the browser opened itself) was let in on the cookie.
        await Assertions.Expect(page.Locator(".app[data-interactive='true']")).ToBeVisibleAsync();
        var cookie = (await context.CookiesAsync()).Single(cookie => cookie.Name == AccessControlMiddleware.SessionCookie);
        Assert.DoesNotContain(Key, cookie.Value, StringComparison.Ordinal);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(LoginAddress());
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(LoginAddress());
    }

    [Fact]
    public async Task SignIn_WithAWrongKey_SaysSoOnTheForm()
    {
        await using var server = await OmniBotTestServer.StartAsync(options => options with { ApiKey = Key });
        await using var context = await fixture.NewContextAsync(server: server);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/login");
        await page.GetByLabel("API key").FillAsync("guess");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not this server's API key");
        Assert.DoesNotContain(await context.CookiesAsync(), cookie => cookie.Name == AccessControlMiddleware.SessionCookie);
    }

    [GeneratedRegex("/login$")]
    private static partial Regex LoginAddress();
}
