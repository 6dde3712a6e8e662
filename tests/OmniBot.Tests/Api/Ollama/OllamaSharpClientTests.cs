using System.Text.Json;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using OmniBot.Models.Store;
using OmniBot.Models.Tests.Downloads;
using OmniBot.TestModels;
using OmniBot.Tests.Server;

namespace OmniBot.Tests.Api.Ollama;

/// <summary>The Ollama API through OllamaSharp, an unchanged Ollama client.</summary>
public sealed class OllamaSharpClientTests : IClassFixture<PrivatePullsServerFixture>
{
    private readonly OmniBotTestServer _server;
    private readonly OllamaApiClient _client;

    public OllamaSharpClientTests(PrivatePullsServerFixture fixture)
    {
        _server = fixture.Server;
        _client = new OllamaApiClient(_server.BaseAddress);
    }

    private static RequestOptions Greedy(int tokens) => new() { Temperature = 0, Seed = 7, NumPredict = tokens };

    [Fact]
    public async Task ChatAsync_StreamingAndNonStreaming_GiveTheSameGreedyText()
    {
        Message[] messages = [new(ChatRole.System, "You are terse."), new(ChatRole.User, "Name three colours.")];

        var streamed = new List<ChatResponseStream>();
        await foreach (var line in _client.ChatAsync(new ChatRequest { Model = OmniBotTestServer.Llama, Messages = messages, Options = Greedy(16), Stream = true }))
        {
            streamed.Add(line!);
        }

        var whole = new List<ChatResponseStream>();
        await foreach (var line in _client.ChatAsync(new ChatRequest { Model = OmniBotTestServer.Llama, Messages = messages, Options = Greedy(16), Stream = false }))
        {
            whole.Add(line!);
        }

        Assert.True(streamed.Count > 2);
        Assert.All(streamed[..^1], line => Assert.False(line.Done));
        var streamedDone = Assert.IsType<ChatDoneResponseStream>(streamed[^1]);
        var single = Assert.IsType<ChatDoneResponseStream>(Assert.Single(whole));
        var streamedText = string.Concat(streamed.Select(line => line.Message.Content));
        Assert.False(string.IsNullOrEmpty(streamedText));
        Assert.Equal(single.Message.Content, streamedText);
        Assert.Equal(ChatRole.Assistant, single.Message.Role);
        Assert.Equal(single.EvalCount, streamedDone.EvalCount);
        Assert.Equal(single.PromptEvalCount, streamedDone.PromptEvalCount);
        Assert.True(streamedDone.PromptEvalCount > 5);
        Assert.InRange(streamedDone.EvalCount, 1, 16);
        Assert.True(streamedDone.TotalDuration >= streamedDone.EvalDuration && streamedDone.EvalDuration > 0);
        Assert.Contains(single.DoneReason, new[] { "stop", "length" });
    }

    [Fact]
    public async Task GenerateAsync_Prompt_StreamsTextAndEndsWithCounts()
    {
        var lines = new List<GenerateResponseStream>();
        await foreach (var line in _client.GenerateAsync(new GenerateRequest { Model = OmniBotTestServer.Qwen, Prompt = "Once upon a time", System = "Tell stories.", Options = Greedy(12) }))
        {
            lines.Add(line!);
        }

        var done = Assert.IsType<GenerateDoneResponseStream>(lines[^1]);
        Assert.True(done.Done);
        Assert.Equal(OmniBotTestServer.Qwen, done.Model);
        Assert.InRange(done.EvalCount, 1, 12);
        Assert.False(string.IsNullOrEmpty(string.Concat(lines.Select(line => line.Response))));
    }

    [Fact]
    public async Task EmbedAsync_TwoInputs_ReturnsTwoUnitVectors()
    {
        var response = await _client.EmbedAsync(new EmbedRequest { Model = OmniBotTestServer.Embedder, Input = ["a red apple", "a green pear"] });

        Assert.Equal(2, response.Embeddings.Count);
        Assert.Equal(response.Embeddings[0].Length, response.Embeddings[1].Length);
        Assert.All(response.Embeddings, vector => Assert.Equal(1.0, Math.Sqrt(vector.Sum(x => (double)x * x)), 3));
        Assert.NotEqual(response.Embeddings[0], response.Embeddings[1]);
        Assert.True(response.PromptEvalCount > 4);
    }

    [Fact]
    public async Task ListLocalModelsAsync_ListsTheStoreModelsWithTheirDetails()
    {
        var models = (await _client.ListLocalModelsAsync()).ToList();

        var llama = Assert.Single(models, model => model.Name == OmniBotTestServer.Llama + ":latest");
        var manifest = _server.Store.Get(ModelRef.Parse(OmniBotTestServer.Llama));
        Assert.Equal(BlobDigest.Hex(manifest.Digest), llama.Digest);
        Assert.Equal(manifest.Size, llama.Size);
        Assert.Equal("gguf", llama.Details.Format);
        Assert.Equal("llama", llama.Details.Family);
        Assert.Equal("Q8_0", llama.Details.QuantizationLevel);
        Assert.Matches(@"^\d+(\.\d+)?[KMB]$", llama.Details.ParameterSize);
        Assert.Contains(models, model => model.Name == OmniBotTestServer.Embedder + ":latest" && model.Details.Family == "bert");
    }

    [Fact]
    public async Task ShowModelAsync_ChatModel_ShowsItsTemplateFactsAndCapabilities()
    {
        var show = await _client.ShowModelAsync(OmniBotTestServer.Qwen);

        Assert.Equal("qwen2", show.Info.Architecture);
        Assert.Equal(4096, ((JsonElement)show.Info.ExtraInfo!["qwen2.context_length"]).GetInt32());
        Assert.Contains(ChatMlTemplate.StartToken, show.Template, StringComparison.Ordinal);
        Assert.Equal(["completion", "tools"], show.Capabilities!);
        Assert.Equal("qwen2", show.Details.Family);
        Assert.Contains("temperature", show.Parameters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowModelAsync_Embedder_HasOnlyTheEmbeddingCapability()
    {
        var show = await _client.ShowModelAsync(OmniBotTestServer.Embedder);

        Assert.Equal(["embedding"], show.Capabilities!);
        Assert.Equal("bert", show.Info.Architecture);
    }

    [Fact]
    public async Task ListRunningModelsAsync_AfterAChat_ListsTheLoadedModel()
    {
        await foreach (var _ in _client.ChatAsync(new ChatRequest { Model = OmniBotTestServer.Llama, Messages = [new(ChatRole.User, "Hi")], Options = Greedy(8) }))
        {
        }

        var running = await _client.ListRunningModelsAsync();

        var llama = Assert.Single(running, model => model.Name == OmniBotTestServer.Llama + ":latest" && model.ContextLength == 512);
        Assert.True(llama.Size > 0);
        Assert.Equal("llama", llama.Details.Family);
        Assert.Equal(0, llama.SizeVram);
        Assert.True(llama.ExpiresAt > DateTime.UtcNow.AddYears(100), "the test server keeps models loaded forever");
    }

    [Fact]
    public async Task CopyModelAsync_ThenDeleteModelAsync_AddsAndRemovesTheName()
    {
        await _client.CopyModelAsync(OmniBotTestServer.Llama, "llama-copy:v1");
        Assert.Contains(await _client.ListLocalModelsAsync(), model => model.Name == "llama-copy:v1");

        await _client.DeleteModelAsync("llama-copy:v1");

        Assert.DoesNotContain(await _client.ListLocalModelsAsync(), model => model.Name == "llama-copy:v1");
        Assert.NotNull(_server.Store.Find(ModelRef.Parse(OmniBotTestServer.Llama)));
        var again = await Assert.ThrowsAsync<HttpRequestException>(() => _client.DeleteModelAsync("llama-copy:v1"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task PullModelAsync_FromALocalFileServer_ReportsProgressAndStoresTheModel()
    {
        await using var files = await LoopbackModelServer.StartAsync();
        var content = await File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0));
        var url = files.AddFile("/models/pulled-by-ollama.gguf", content);

        var statuses = new List<PullModelResponse>();
        await foreach (var status in _client.PullModelAsync(url.AbsoluteUri))
        {
            statuses.Add(status!);
        }

        Assert.Equal("pulling manifest", statuses[0].Status);
        Assert.Contains(statuses, status => status.Total == content.Length && status.Completed > 0 && status.Digest == "pulled-by-ollama.gguf");
        Assert.Equal(["verifying sha256 digest", "writing manifest", "success"], statuses.TakeLast(3).Select(status => status.Status));
        Assert.Contains(await _client.ListLocalModelsAsync(), model => model.Name.StartsWith("pulled-by-ollama", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetVersionAsync_ReturnsAVersionClientsCanParse()
    {
        var version = await _client.GetVersionAsync();

        Assert.True(Version.TryParse(version, out var parsed), version);
        Assert.Equal(3, version.Split('.').Length);
        Assert.True(parsed >= new Version(0, 1, 0));
    }
}
