using System.Text.Json;
using System.Text.Json.Nodes;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary><c>/v1/rerank</c> and its llama.cpp aliases: documents ordered by score, cut to top_n.</summary>
[Collection(OpenAIServerCollection.Name)]
public sealed class RerankTests(ServerFixture fixture)
{
    private static readonly string[] Documents = ["Paris is the capital of France.", "Bananas are yellow.", "The Eiffel Tower is in Paris.", "Rust is a language."];

    private readonly HttpClient _http = fixture.Server.Client;

    [Fact]
    public async Task Rerank_ReturnsEveryDocumentMostRelevantFirst()
    {
        var ranking = await RerankAsync("/v1/rerank", topN: null);

        var results = ranking.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], results.Select(result => result.GetProperty("index").GetInt32()).Order());
        var scores = results.Select(result => result.GetProperty("relevance_score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.True(scores.Distinct().Count() > 1, "every document scored the same");
        Assert.True(ranking.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.All(results, result => Assert.False(result.TryGetProperty("document", out _)));
    }

    [Fact]
    public async Task Rerank_TopN_IsThePrefixOfTheFullRanking()
    {
        var full = await RerankAsync("/v1/rerank", topN: null);
        var top = await RerankAsync("/v1/rerank", topN: 2);

        Assert.Equal(
            Indexes(full).Take(2),
            Indexes(top));
    }

    [Theory]
    [InlineData("/v1/reranking")]
    [InlineData("/rerank")]
    public async Task Rerank_Aliases_AnswerTheSameRanking(string path)
    {
        var expected = await RerankAsync("/v1/rerank", topN: null);

        var actual = await RerankAsync(path, topN: null);

        Assert.Equal(Indexes(expected), Indexes(actual));
    }

    [Fact]
    public async Task Rerank_ReturnDocuments_RepeatsEachDocumentsText()
    {
        var ranking = await RerankAsync("/v1/rerank", topN: 3, returnDocuments: true);

        Assert.All(ranking.GetProperty("results").EnumerateArray(), result =>
            Assert.Equal(Documents[result.GetProperty("index").GetInt32()], result.GetProperty("document").GetProperty("text").GetString()));
    }

    private static int[] Indexes(JsonElement ranking) =>
        ranking.GetProperty("results").EnumerateArray().Select(result => result.GetProperty("index").GetInt32()).ToArray();

    private Task<JsonElement> RerankAsync(string path, int? topN, bool returnDocuments = false)
    {
        var body = new JsonObject
        {
            ["model"] = OmniBotTestServer.Reranker,
            ["query"] = "What is the capital of France?",
            ["documents"] = new JsonArray(Documents.Select(document => (JsonNode)document).ToArray()),
            ["return_documents"] = returnDocuments,
        };
        if (topN is not null)
        {
            body["top_n"] = topN;
        }

        return JsonRequests.PostOkAsync(_http, path, body);
    }
}
