using System.Net;
using System.Text.Json;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.Ollama;

/// <summary><c>/api/embed</c> and the older <c>/api/embeddings</c> over raw HTTP.</summary>
public sealed class OllamaEmbeddingTests : IClassFixture<ServerFixture>
{
    private readonly OmniBotTestServer _server;

    public OllamaEmbeddingTests(ServerFixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task Embeddings_LegacyEndpoint_GivesTheSameVectorAsEmbed()
    {
        var embed = await PostAsync("api/embed", """{"model": "tiny-embed", "input": "a quiet harbour"}""");
        var legacy = await PostAsync("api/embeddings", """{"model": "tiny-embed", "prompt": "a quiet harbour"}""");

        var vector = Assert.Single(embed.GetProperty("embeddings").EnumerateArray()).EnumerateArray().Select(x => x.GetSingle()).ToArray();
        var legacyVector = legacy.GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray();
        Assert.Equal(vector, legacyVector);
        Assert.Equal("tiny-embed", embed.GetProperty("model").GetString());
        Assert.True(embed.GetProperty("total_duration").GetInt64() > 0);
    }

    [Fact]
    public async Task Embed_InputLongerThanTheModelTakes_IsTruncatedByDefault()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 3000));

        var embed = await PostAsync("api/embed", $$"""{"model": "tiny-embed", "input": ["{{text}}", "short"]}""");

        Assert.Equal(2, embed.GetProperty("embeddings").GetArrayLength());
    }

    [Fact]
    public async Task Embed_NoInput_LoadsTheModelAndAnswersNoVectors()
    {
        var embed = await PostAsync("api/embed", """{"model": "tiny-embed"}""");

        Assert.Equal(0, embed.GetProperty("embeddings").GetArrayLength());
        Assert.Contains(_server.Models.Loaded, model => model.Id == "tiny-embed:latest");
    }

    [Fact]
    public async Task Embed_DimensionsEqualToTheModels_AreAccepted()
    {
        var first = await PostAsync("api/embed", """{"model": "tiny-embed", "input": "x"}""");
        var width = first.GetProperty("embeddings")[0].GetArrayLength();

        var again = await PostAsync("api/embed", $$"""{"model": "tiny-embed", "input": "x", "dimensions": {{width}}}""");

        Assert.Equal(width, again.GetProperty("embeddings")[0].GetArrayLength());
    }

    private async Task<JsonElement> PostAsync(string path, string body)
    {
        using var response = await OllamaHttp.PostAsync(_server.Client, path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OllamaHttp.ReadJsonAsync(response);
    }
}
