using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmniBot.Tests.Server;
using OpenAI;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>Embeddings and the model list through the official OpenAI .NET SDK, checked against raw HTTP.</summary>
[Collection(OpenAIServerCollection.Name)]
public sealed class OpenAISdkEmbeddingsAndModelsTests(ServerFixture fixture)
{
    private readonly OmniBotTestServer _server = fixture.Server;
    private readonly OpenAIClient _client = OpenAITestClients.Create(fixture.Server);

    [Fact]
    public async Task GenerateEmbeddings_SdkBase64AndHttpFloat_DecodeToTheSameVectors()
    {
        string[] texts = ["The cat sat on the mat.", "Quarterly revenue grew."];

        var fromSdk = await _client.GetEmbeddingClient(OmniBotTestServer.Embedder).GenerateEmbeddingsAsync(texts);
        var asFloats = await JsonRequests.PostOkAsync(_server.Client, "/v1/embeddings", new JsonObject
        {
            ["model"] = OmniBotTestServer.Embedder,
            ["input"] = new JsonArray(texts.Select(text => (JsonNode)text).ToArray()),
            ["encoding_format"] = "float",
        });

        var data = asFloats.GetProperty("data");
        Assert.Equal(2, fromSdk.Value.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var expected = data[i].GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()).ToArray();
            Assert.Equal(i, data[i].GetProperty("index").GetInt32());
            Assert.True(expected.Length > 0);
            Assert.Equal(expected, fromSdk.Value[i].ToFloats().ToArray());
        }

        Assert.NotEqual(fromSdk.Value[0].ToFloats().ToArray(), fromSdk.Value[1].ToFloats().ToArray());
        Assert.True(asFloats.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Embeddings_DimensionsEqualToTheModels_AreAccepted()
    {
        var plain = await JsonRequests.PostOkAsync(_server.Client, "/v1/embeddings", new JsonObject { ["model"] = OmniBotTestServer.Embedder, ["input"] = "hello" });
        var size = plain.GetProperty("data")[0].GetProperty("embedding").GetArrayLength();

        var sized = await JsonRequests.PostOkAsync(_server.Client, "/v1/embeddings", new JsonObject { ["model"] = OmniBotTestServer.Embedder, ["input"] = "hello", ["dimensions"] = size });

        Assert.Equal(size, sized.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
    }

    [Fact]
    public async Task Embeddings_FromAChatModel_AreVectorsOfItsWidth()
    {
        var response = await JsonRequests.PostOkAsync(_server.Client, "/v1/embeddings", new JsonObject { ["model"] = OmniBotTestServer.Qwen, ["input"] = new JsonArray("one", "two") });

        var vectors = response.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("embedding").GetArrayLength()).ToList();
        Assert.Equal(2, vectors.Count);
        Assert.All(vectors, width => Assert.Equal(vectors[0], width));
        Assert.True(vectors[0] > 1);
    }

    [Fact]
    public async Task GetModels_ListsEveryStoreModelAsNameAndTag()
    {
        var models = await _client.GetOpenAIModelClient().GetModelsAsync();

        var ids = models.Value.Select(model => model.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["tiny-embed:latest", "tiny-llama:latest", "tiny-qwen:latest", "tiny-rerank:latest"], ids);
        Assert.All(models.Value, model =>
        {
            Assert.Equal("omnibot", model.OwnedBy);
            Assert.True(model.CreatedAt > DateTimeOffset.UnixEpoch);
        });
    }

    [Fact]
    public async Task GetModel_ByShortName_AnswersTheModelAndUnknownIsNotFound()
    {
        var model = await _client.GetOpenAIModelClient().GetModelAsync(OmniBotTestServer.Qwen);
        using var missing = await _server.Client.GetAsync(new Uri("/v1/models/no-such-model", UriKind.Relative));
        using var tagged = JsonDocument.Parse(await _server.Client.GetStringAsync(new Uri("/v1/models/tiny-qwen:latest", UriKind.Relative)));

        Assert.Equal("tiny-qwen:latest", model.Value.Id);
        Assert.Equal("tiny-qwen:latest", tagged.RootElement.GetProperty("id").GetString());
        Assert.Equal("model", tagged.RootElement.GetProperty("object").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var error = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Equal("model_not_found", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task GetModels_ServerWithApiKey_AcceptsTheSdksKeyAndRefusesAWrongOne()
    {
        await using var server = await OmniBotTestServer.StartAsync(options => options with { ApiKey = "sesame" });
        var right = new OpenAIClient(new ApiKeyCredential("sesame"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "v1/"), RetryPolicy = new ClientRetryPolicy(0) });
        var wrong = new OpenAIClient(new ApiKeyCredential("guess"), new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "v1/"), RetryPolicy = new ClientRetryPolicy(0) });

        var models = await right.GetOpenAIModelClient().GetModelsAsync();
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => wrong.GetOpenAIModelClient().GetModelsAsync());

        Assert.Equal(4, models.Value.Count);
        Assert.Equal((int)HttpStatusCode.Unauthorized, refused.Status);
    }
}
