using System.Net;
using System.Text.Json;
using OmniBot.Engine.Embeddings;
using OmniBot.Tests.Api.Ollama;
using OmniBot.Tests.Api.OpenAI;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api;

/// <summary>
/// One embedding or rerank call may not hold the model's context for every other caller: past
/// <see cref="EmbeddingContextOptions.MaxInputsPerCall"/> inputs it is a 400 that says to split the call.
/// </summary>
[Collection(OpenAIServerCollection.Name)]
public sealed class InputCountLimitTests(ServerFixture fixture)
{
    private static readonly int TooMany = new LlamaEmbeddingGeneratorOptions().MaxInputsPerCall + 1;

    private readonly OmniBotTestServer _server = fixture.Server;

    private static string Texts(int count) => JsonSerializer.Serialize(Enumerable.Range(0, count).Select(i => $"text {i}"));

    [Theory]
    [InlineData("v1/embeddings", "input", "tiny-embed", "inputs may be embedded in one call")]
    [InlineData("v1/rerank", "documents", "tiny-rerank", "documents may be ranked in one call")]
    public async Task OpenAI_TooManyInputs_IsRefusedNamingTheLimit(string path, string field, string model, string fragment)
    {
        var query = field == "documents" ? "\"query\": \"q\", " : string.Empty;
        using var response = await _server.Client.PostAsync(
            new Uri(path, UriKind.Relative),
            new StringContent($$"""{"model": "{{model}}", {{query}}"{{field}}": {{Texts(TooMany)}}}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Contains(fragment, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(field, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Ollama_TooManyInputs_IsRefusedAndTheNextCallIsServed()
    {
        using (var refused = await OllamaHttp.PostAsync(_server.Client, "api/embed", $$"""{"model": "tiny-embed", "input": {{Texts(TooMany)}}}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("split the rest into further calls", await OllamaHttp.ErrorAsync(refused), StringComparison.Ordinal);
        }

        using var served = await OllamaHttp.PostAsync(_server.Client, "api/embed", $$"""{"model": "tiny-embed", "input": {{Texts(3)}}}""");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(3, (await OllamaHttp.ReadJsonAsync(served)).GetProperty("embeddings").GetArrayLength());
    }
}
