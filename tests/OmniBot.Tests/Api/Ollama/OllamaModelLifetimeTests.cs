using System.Net;
using OllamaSharp;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.Ollama;

/// <summary>Loading and unloading through requests: Ollama's preload (no messages or prompt), keep_alive, and ps.</summary>
public sealed class OllamaModelLifetimeTests : IClassFixture<ServerFixture>
{
    private readonly OmniBotTestServer _server;

    public OllamaModelLifetimeTests(ServerFixture fixture) => _server = fixture.Server;

    [Theory]
    [InlineData("api/chat", "\"messages\": []")]
    [InlineData("api/generate", "\"prompt\": \"\"")]
    public async Task EmptyRequest_LoadsTheModel_AndWithKeepAliveZeroUnloadsIt(string path, string empty)
    {
        using (var load = await OllamaHttp.PostAsync(_server.Client, path, "{\"model\": \"tiny-qwen\", " + empty + ", \"options\": {\"num_ctx\": 384}}"))
        {
            var answer = await OllamaHttp.ReadJsonAsync(load);
            Assert.Equal("load", answer.GetProperty("done_reason").GetString());
            Assert.True(answer.GetProperty("done").GetBoolean());
        }

        Assert.Contains(_server.Models.Loaded, model => model.Id == "tiny-qwen:latest" && model.ContextSize == 384);

        using (var unload = await OllamaHttp.PostAsync(_server.Client, path, $$"""{"model": "tiny-qwen", {{empty}}, "keep_alive": 0}"""))
        {
            Assert.Equal("unload", (await OllamaHttp.ReadJsonAsync(unload)).GetProperty("done_reason").GetString());
        }

        Assert.DoesNotContain(_server.Models.Loaded, model => model.Id == "tiny-qwen:latest");
    }

    [Fact]
    public async Task KeepAlive_SetsWhenAnIdleModelExpires_AndZeroUnloadsAfterTheRequest()
    {
        var client = new OllamaApiClient(_server.BaseAddress);
        await ChatAsync("\"1h\"");
        var running = Assert.Single(await client.ListRunningModelsAsync(), model => model.ContextLength == 320);
        Assert.InRange(running.ExpiresAt, DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(61));

        await ChatAsync("-1");
        running = Assert.Single(await client.ListRunningModelsAsync(), model => model.ContextLength == 320);
        Assert.True(running.ExpiresAt > DateTime.UtcNow.AddYears(100));

        await ChatAsync("0");
        Assert.DoesNotContain(await client.ListRunningModelsAsync(), model => model.ContextLength == 320);
    }

    [Fact]
    public async Task RequestModelUnloadAsync_OfOllamaSharp_UnloadsTheModel()
    {
        var client = new OllamaApiClient(_server.BaseAddress);
        using (var load = await OllamaHttp.PostAsync(_server.Client, "api/generate", """{"model": "tiny-embed"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, load.StatusCode);
        }

        Assert.Contains(await client.ListRunningModelsAsync(), model => model.Name == "tiny-embed:latest");

        await client.RequestModelUnloadAsync("tiny-embed");

        Assert.DoesNotContain(await client.ListRunningModelsAsync(), model => model.Name == "tiny-embed:latest");
    }

    private async Task ChatAsync(string keepAlive)
    {
        var body = "{\"model\": \"tiny-llama\", \"stream\": false, \"keep_alive\": " + keepAlive + """, "messages": [{"role": "user", "content": "Hi"}], "options": {"num_ctx": 320, "num_predict": 8, "temperature": 0}}""";
        using var response = await OllamaHttp.PostAsync(_server.Client, "api/chat", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await OllamaHttp.ReadJsonAsync(response)).GetProperty("done").GetBoolean());
    }
}
