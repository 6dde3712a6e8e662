using System.Net;
using OmniBot.Server.Security;

namespace OmniBot.Tests.Server;

public sealed class SecurityHeadersTests : IClassFixture<ServerFixture>
{
    private readonly OmniBotTestServer _server;

    public SecurityHeadersTests(ServerFixture fixture) => _server = fixture.Server;

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/library", HttpStatusCode.OK)]
    [InlineData("/login", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task UiPage_HasAPolicyThatForbidsFramingRemoteImagesAndInlineScript(string path, HttpStatusCode status)
    {
        using var response = await _server.Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var policy = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self' data: blob:", policy["img-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("/v1/models", HttpStatusCode.OK)]
    [InlineData("/api/tags", HttpStatusCode.OK)]
    [InlineData("/v1/no-such-route", HttpStatusCode.NotFound)]
    [InlineData("/chat.js", HttpStatusCode.OK)]
    public async Task EveryResponse_IsNotSniffed(string path, HttpStatusCode status)
    {
        using var response = await _server.Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task RefusedRequest_StillCarriesTheHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "attacker.example";

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(directive => directive.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "", StringComparer.Ordinal);
}
