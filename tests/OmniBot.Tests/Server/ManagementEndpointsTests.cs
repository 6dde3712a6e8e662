using System.Net;
using System.Text.Json;

namespace OmniBot.Tests.Server;

public sealed class ManagementEndpointsTests : IClassFixture<ServerFixture>
{
    private readonly OmniBotTestServer _server;

    public ManagementEndpointsTests(ServerFixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task Health_AnswersOk()
    {
        using var response = await _server.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Hardware_ReportsTheCpuBackendAndWhy()
    {
        using var body = JsonDocument.Parse(await _server.Client.GetStringAsync(new Uri("/api/hardware", UriKind.Relative)));

        Assert.Equal("cpu", body.RootElement.GetProperty("backend").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("reason").GetString()));
        Assert.True(body.RootElement.GetProperty("memory").GetProperty("totalBytes").GetInt64() > 0);
        Assert.Contains(body.RootElement.GetProperty("backends").EnumerateArray(), backend => backend.GetProperty("used").GetBoolean());
    }

    [Fact]
    public async Task Metrics_AreInPrometheusTextFormatAndCountRequests()
    {
        using (await _server.Client.GetAsync(new Uri("/health", UriKind.Relative)))
        {
        }

        using var response = await _server.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE omnibot_requests_total counter", text, StringComparison.Ordinal);
        Assert.Contains("omnibot_requests_total{api=\"other\",status=\"200\"}", text, StringComparison.Ordinal);
        Assert.Contains("omnibot_loaded_models ", text, StringComparison.Ordinal);
        Assert.Contains("omnibot_completion_tokens_total ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/no-such-endpoint", "unknown_endpoint")]
    [InlineData("/api/no-such-endpoint", null)]
    public async Task UnknownApiRoute_Answers404InTheApisOwnShape(string path, string? openAICode)
    {
        using var response = await _server.Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        if (openAICode is null)
        {
            Assert.Contains(path, error.GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(openAICode, error.GetProperty("code").GetString());
        }
    }
}
