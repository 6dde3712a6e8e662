using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OmniBot.Server.Security;

namespace OmniBot.Tests.Server;

/// <summary>Signing in at <c>/login</c> as a browser does: the cookie it gets, what that cookie opens, and how it ends.</summary>
public sealed class LoginSessionTests
{
    private const string Key = "sesame-0123456789";

    [Fact]
    public async Task Login_WithTheRightKey_SetsAnHttpOnlyStrictCookieThatIsNotTheKey()
    {
        await using var server = await StartAsync();
        using var browser = Browser(server, out _);

        using var signIn = await SignInAsync(browser, Key);

        var cookie = SessionCookie(signIn);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain(Key, cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(Key), cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_OpenedWithoutASession_RedirectsToTheSignInForm()
    {
        await using var server = await StartAsync();
        using var browser = Browser(server, out _);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/library");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        using var api = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        api.Headers.Accept.ParseAdd("text/html");

        using var page = await browser.SendAsync(request);
        using var apiResponse = await browser.SendAsync(api);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, apiResponse.StatusCode);
    }

    [Fact]
    public async Task Login_WithAnOldKeyCookie_DeletesIt()
    {
        await using var server = await StartAsync();
        using var browser = Browser(server, out var cookies);
        cookies.Add(server.BaseAddress, new Cookie("omnibot_api_key", Key));

        using var signIn = await SignInAsync(browser, Key);

        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("omnibot_api_key=;", StringComparison.Ordinal));
        Assert.DoesNotContain(cookies.GetAllCookies(), cookie => cookie.Name == "omnibot_api_key");
    }

    [Fact]
    public async Task Login_TwoSignIns_GetDifferentTokens()
    {
        await using var server = await StartAsync();
        using var browser = Browser(server, out _);

        using var first = await SignInAsync(browser, Key);
        using var second = await SignInAsync(browser, Key);

        Assert.NotEqual(CookieValue(first), CookieValue(second));
    }

    [Fact]
    public async Task SessionCookie_FromLogin_OpensTheApi()
    {
        await using var server = await StartAsync();
        using var browser = Browser(server, out _);
        using var before = await browser.GetAsync(new Uri("/v1/models", UriKind.Relative));

        using var signIn = await SignInAsync(browser, Key);
        using var after = await browser.GetAsync(new Uri("/v1/models", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [InlineData(AccessControlMiddleware.SessionCookie, "forged-token")]
    [InlineData(AccessControlMiddleware.SessionCookie, Key)]
    [InlineData("omnibot_api_key", Key)]
    public async Task Cookie_ThatIsNotASessionOfThisServer_IsRefused(string name, string value)
    {
        await using var server = await StartAsync();

        using var response = await GetWithCookieAsync(server, "/health", $"{name}={value}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SessionCookie_AfterItsLifetime_IsRefused()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await StartAsync(time);
        using var browser = Browser(server, out _);
        using var signIn = await SignInAsync(browser, Key);

        time.Advance(LoginSessions.Lifetime - TimeSpan.FromMinutes(1));
        using var lastDay = await browser.GetAsync(new Uri("/health", UriKind.Relative));
        time.Advance(TimeSpan.FromMinutes(2));
        using var expired = await browser.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, lastDay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Logout_RevokesTheTokenEvenWhereTheCookieWasCopied()
    {
        await using var server = await StartAsync();
        using var browser = Browser(server, out _);
        using var signIn = await SignInAsync(browser, Key);
        var stolen = $"{AccessControlMiddleware.SessionCookie}={CookieValue(signIn)}";
        using var beforeLogout = await GetWithCookieAsync(server, "/health", stolen);

        using var logout = await browser.PostAsync(new Uri("/logout", UriKind.Relative), content: null);
        using var afterLogout = await GetWithCookieAsync(server, "/health", stolen);
        using var browserAfterLogout = await browser.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, beforeLogout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("/login", logout.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, browserAfterLogout.StatusCode);
    }

    [Fact]
    public async Task SessionCookie_AfterARestart_IsRefused()
    {
        var home = Directory.CreateTempSubdirectory("omnibot-restart-").FullName;
        try
        {
            string stolen;
            await using (var first = await OmniBotTestServer.StartAsync(options => options with { ApiKey = Key }, home: home))
            {
                using var browser = Browser(first, out _);
                using var signIn = await SignInAsync(browser, Key);
                stolen = $"{AccessControlMiddleware.SessionCookie}={CookieValue(signIn)}";
            }

            await using var second = await OmniBotTestServer.StartAsync(options => options with { ApiKey = Key + "-new" }, home: home);
            using var response = await GetWithCookieAsync(second, "/health", stolen);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task SessionCookie_SentByAPageOfAnotherLocalServer_IsNotHonoured()
    {
        await using var server = await StartAsync();
        using var browser = Browser(server, out var cookies);
        using var signIn = await SignInAsync(browser, Key);

        using var ownPage = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        ownPage.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var ownPageResponse = await browser.SendAsync(ownPage);
        using var otherPort = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        otherPort.Headers.Add("Sec-Fetch-Site", "same-site");
        otherPort.Headers.Add("Sec-Fetch-Mode", "no-cors");
        using var otherPortResponse = await browser.SendAsync(otherPort);

        Assert.Single(cookies.GetAllCookies());
        Assert.Equal(HttpStatusCode.OK, ownPageResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherPortResponse.StatusCode);
    }

    [Fact]
    public async Task Login_SixthAttemptInAMinute_IsAnswered429WithRetryAfter()
    {
        await using var server = await StartAsync();
        using var browser = Browser(server, out _);

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < LoginRateLimit.AttemptsPerWindow; attempt++)
        {
            using var wrong = await SignInAsync(browser, "guess-" + attempt);
            statuses.Add(wrong.StatusCode);
        }

        using var limited = await SignInAsync(browser, Key);
        var page = await limited.Content.ReadAsStringAsync();

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Redirect, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), LoginRateLimit.Window);
        Assert.Contains("Too many sign-in attempts", page, StringComparison.Ordinal);
        Assert.False(limited.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Login_WhenLimited_LeavesBearerClientsServed()
    {
        await using var server = await StartAsync();
        using var browser = Browser(server, out _);
        for (var attempt = 0; attempt <= LoginRateLimit.AttemptsPerWindow; attempt++)
        {
            using var wrong = await SignInAsync(browser, "guess-" + attempt);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key) } };
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<OmniBotTestServer> StartAsync(TimeProvider? time = null) =>
        OmniBotTestServer.StartAsync(
            options => options with { ApiKey = Key },
            time is null ? null : builder => builder.Services.AddSingleton(time));

    private static HttpClient Browser(OmniBotTestServer server, out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = server.BaseAddress };
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string key) =>
        browser.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("key", key)]));

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(cookie => cookie.StartsWith(AccessControlMiddleware.SessionCookie + "=", StringComparison.Ordinal));

    private static string CookieValue(HttpResponseMessage response) =>
        SessionCookie(response).Split(';')[0][(AccessControlMiddleware.SessionCookie.Length + 1)..];

    private static async Task<HttpResponseMessage> GetWithCookieAsync(OmniBotTestServer server, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await server.Client.SendAsync(request);
    }
}
