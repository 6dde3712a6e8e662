using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OmniBot.Tests.Server;

public sealed class AccessControlTests : IClassFixture<ServerFixture>
{
    private readonly OmniBotTestServer _server;

    public AccessControlTests(ServerFixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task Request_WithAForeignHostHeader_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = "attacker.example";

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("--allowed-host", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task Request_WithALoopbackHostHeader_IsServed(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = $"{host}:{_server.BaseAddress.Port}";

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_FromAForeignWebPage_IsRefusedWithTheOpenAIEnvelope()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("origin_not_allowed", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Request_FromAForeignWebPageToOllamaApi_IsRefusedWithOllamasErrorShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/hardware");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("--allowed-origin", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_FromTheServersOwnOrigin_IsAnsweredWithCorsHeaders()
    {
        var own = _server.BaseAddress.GetLeftPart(UriPartial.Authority);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/models");
        request.Headers.Add("Origin", own);
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(own, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}")]
    [InlineData("http://localhost:{0}")]
    [InlineData("https://127.0.0.1:{1}")]
    public async Task Request_FromAnotherLocalServersPage_IsRefused(string originFormat)
    {
        // A page of any other web server on this machine (another port, or another scheme) is not this server's page.
        var origin = string.Format(System.Globalization.CultureInfo.InvariantCulture, originFormat, OtherPort(), _server.BaseAddress.Port);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("Origin", origin);

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_FromAConfiguredOrigin_IsAnsweredWithCorsHeaders()
    {
        await using var server = await OmniBotTestServer.StartAsync(options => options with { AllowedOrigins = ["http://localhost:3000"] });
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/models");
        request.Headers.Add("Origin", "http://localhost:3000");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using var other = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        other.Headers.Add("Origin", "http://localhost:3001");

        using var response = await server.Client.SendAsync(request);
        using var otherResponse = await server.Client.SendAsync(other);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:3000", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.Forbidden, otherResponse.StatusCode);
    }

    [Fact]
    public async Task ApiKey_WhenSet_IsRequiredOnEveryRoute()
    {
        await using var server = await OmniBotTestServer.StartAsync(options => options with { ApiKey = "sesame" });

        using var anonymous = await server.Client.GetAsync(new Uri("/health", UriKind.Relative));
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "open") } };
        using var wrongResponse = await server.Client.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "sesame") } };
        using var rightResponse = await server.Client.SendAsync(right);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightResponse.StatusCode);
    }

    [Fact]
    public async Task Login_WithTheRightKey_SetsACookieThatOpensTheServer()
    {
        await using var server = await OmniBotTestServer.StartAsync(options => options with { ApiKey = "sesame" });
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        using var page = await browser.GetAsync(new Uri("/login", UriKind.Relative));
        using var wrong = await browser.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("key", "nope")]));
        using var signIn = await browser.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("key", "sesame")]));
        using var health = await browser.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/login?error=1", wrong.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task RequestBody_OverTheLimit_IsRefused()
    {
        await using var server = await OmniBotTestServer.StartAsync(options => options with { MaxRequestBodyBytes = 4096 });
        using var content = new FormUrlEncodedContent([new("key", new string('x', 100_000))]);

        using var response = await server.Client.PostAsync(new Uri("/login", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public void Options_NonLoopbackWithoutApiKey_AreRefused()
    {
        var options = OmniBotTestServer.DefaultOptions(Path.GetTempPath()) with { Host = "0.0.0.0" };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("--api-key", error.Message, StringComparison.Ordinal);
    }

    private int OtherPort() => _server.BaseAddress.Port == 65535 ? 65534 : _server.BaseAddress.Port + 1;
}
