using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OmniBot.Tests.Server;
using OmniBot.Web.Backends;
using OmniBot.Web.Chat;
using OmniBot.Web.Persistence;

namespace OmniBot.Tests.Web.Backends;

public sealed class BackendCatalogTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>Nothing listens on the discard port of loopback: connections are refused at once.</summary>
    private const string ClosedUrl = "http://127.0.0.1:9";

    private BackendCatalog Catalog => fixture.Server.App.Services.GetRequiredService<BackendCatalog>();

    [Fact]
    public async Task LlamaCpp_ListModels_OffersTheStoresChatModelsWithFactsAndWhetherLoaded()
    {
        var backend = Catalog.Connect(await Catalog.GetOrDefaultAsync(BackendRecord.BuiltInId));
        await using (var lease = await backend.OpenAsync($"{OmniBotTestServer.Qwen}:latest", contextSize: null))
        {
            Assert.NotNull(lease.Client);
        }

        var models = await backend.ListModelsAsync();

        Assert.Equal([$"{OmniBotTestServer.Llama}:latest", $"{OmniBotTestServer.Qwen}:latest"], models.Select(model => model.Id));
        var qwen = models[1];
        Assert.True(qwen.IsLoaded);
        Assert.Equal(("Q8_0", 4096L), (qwen.Quantization, qwen.ContextLength));
        Assert.True(qwen.ParameterCount > 0 && qwen.SizeBytes > 0);
        Assert.Contains("Q8_0", qwen.Facts, StringComparison.Ordinal);
        Assert.EndsWith("loaded", qwen.Facts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BackendKind.Ollama, "Cannot reach the Ollama backend 'Down' at http://127.0.0.1:9")]
    [InlineData(BackendKind.OpenAI, "Cannot reach the OpenAI-compatible backend 'Down' at http://127.0.0.1:9")]
    public async Task Remote_Unreachable_ListingFailsWithAMessageSayingWhatToCheck(BackendKind kind, string expected)
    {
        var backend = Catalog.Connect(new BackendRecord("x", kind, "Down", ClosedUrl, null, false));

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => backend.ListModelsAsync());
        var probe = await Catalog.TestAsync(backend.Definition);

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("Check that the server is running", error.Message, StringComparison.Ordinal);
        Assert.Equal((false, error.Message), (probe.IsReachable, probe.Message));
    }

    [Fact]
    public async Task OpenAICompatible_ListAndChat_GoThroughTheOpenAIClientWithTheKey()
    {
        await using var remote = await FakeRemoteServer.StartAsync(requiredKey: "sk-test");
        var backend = Catalog.Connect(new BackendRecord("o", BackendKind.OpenAI, "vLLM", new Uri(remote.Address, "v1").ToString(), "sk-test", false));

        var models = await backend.ListModelsAsync();
        await using var lease = await backend.OpenAsync("remote-a", contextSize: null);
        var reply = await lease.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]).ToChatResponseAsync();

        Assert.Equal(["remote-a", "remote-b"], models.Select(model => model.Id));
        Assert.Equal(FakeRemoteServer.DefaultReply, reply.Text);
        Assert.Equal("Bearer sk-test", remote.LastAuthorization);
        Assert.Contains("\"model\":\"remote-a\"", remote.LastChatBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAICompatible_WrongKey_ListingSaysTheServerAnswered401()
    {
        await using var remote = await FakeRemoteServer.StartAsync(requiredKey: "right");
        var backend = Catalog.Connect(new BackendRecord("o", BackendKind.OpenAI, "Locked", new Uri(remote.Address, "v1").ToString(), "wrong", false));

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => backend.ListModelsAsync());

        Assert.Contains("it answered HTTP 401 (Unauthorized)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ollama_ListAndChat_GoThroughOllamaSharp()
    {
        await using var remote = await FakeRemoteServer.StartAsync();
        var backend = Catalog.Connect(new BackendRecord("l", BackendKind.Ollama, "Box", remote.Address.ToString().TrimEnd('/'), null, false));

        var model = Assert.Single(await backend.ListModelsAsync());
        await using var lease = await backend.OpenAsync("llama3:8b", contextSize: 4096);
        var options = ChatOptionsFactory.Create(new ConversationSettings { ContextSize = 4096, Temperature = 0.5f }, BackendKind.Ollama, "llama3:8b");
        var reply = await lease.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options);

        Assert.Equal(("llama3:8b", "8.0B", "Q4_0", 4661224676L), (model.Id, model.ParameterSize, model.Quantization, model.SizeBytes));
        Assert.Equal(FakeRemoteServer.DefaultReply, reply.Text);
        Assert.Contains("\"num_ctx\":4096", remote.LastChatBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ollama_OmniBotsOwnOllamaApi_ListsItsModelsAndStreamsAReply()
    {
        var backend = Catalog.Connect(new BackendRecord("self", BackendKind.Ollama, "This server", fixture.Server.BaseAddress.ToString().TrimEnd('/'), null, false));

        var models = await backend.ListModelsAsync();
        await using var lease = await backend.OpenAsync($"{OmniBotTestServer.Llama}:latest", contextSize: null);
        var options = ChatOptionsFactory.Create(new ConversationSettings { Temperature = 0, MaxTokens = 6 }, BackendKind.Ollama, $"{OmniBotTestServer.Llama}:latest");
        var accumulator = new ReplyAccumulator();
        await foreach (var update in lease.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options))
        {
            accumulator.Add(update, TimeSpan.Zero);
        }

        Assert.Contains($"{OmniBotTestServer.Llama}:latest", models.Select(model => model.Id));
        Assert.Equal("Q8_0", models.First(model => model.Id == $"{OmniBotTestServer.Llama}:latest").Quantization);
        Assert.NotEmpty(accumulator.ApplyTo(new MessageRecord { ConversationId = "c", Role = MessageRole.Assistant }).Content);
        Assert.InRange(accumulator.Stats(TimeSpan.FromSeconds(1)).OutputTokens ?? 0, 1, 6);
    }

    [Fact]
    public async Task OpenAICompatible_OmniBotsOwnOpenAIApi_ListsItsModelsAndStreamsAReplyWithUsage()
    {
        var backend = Catalog.Connect(new BackendRecord("self-v1", BackendKind.OpenAI, "This server", new Uri(fixture.Server.BaseAddress, "v1").ToString(), null, false));

        var models = await backend.ListModelsAsync();
        await using var lease = await backend.OpenAsync($"{OmniBotTestServer.Qwen}:latest", contextSize: null);
        var options = ChatOptionsFactory.Create(new ConversationSettings { Temperature = 0, MaxTokens = 6 }, BackendKind.OpenAI, $"{OmniBotTestServer.Qwen}:latest");
        var accumulator = new ReplyAccumulator();
        await foreach (var update in lease.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options))
        {
            accumulator.Add(update, TimeSpan.Zero);
        }

        Assert.Contains($"{OmniBotTestServer.Qwen}:latest", models.Select(model => model.Id));
        Assert.NotEmpty(accumulator.ApplyTo(new MessageRecord { ConversationId = "c", Role = MessageRole.Assistant }).Content);
        Assert.InRange(accumulator.Stats(TimeSpan.FromSeconds(1)).OutputTokens ?? 0, 1, 6);
    }

    [Theory]
    [InlineData(BackendKind.LlamaCpp, "n", "http://x", "always there")]
    [InlineData(BackendKind.Ollama, " ", "http://x", "Give the backend a name")]
    [InlineData(BackendKind.Ollama, "n", "127.0.0.1:11434", "http://127.0.0.1:11434")]
    [InlineData(BackendKind.OpenAI, "n", "ftp://host/v1", "http://127.0.0.1:8000/v1")]
    public async Task Add_BadInput_IsRefusedWithTheFix(BackendKind kind, string name, string url, string hint)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Catalog.AddAsync(kind, name, url, null));

        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_BuiltIn_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Catalog.RemoveAsync(BackendRecord.BuiltInId));

    [Fact]
    public async Task ChatSession_RemoteBackend_ListsItsModelsAndStreamsItsReply()
    {
        await using var remote = await FakeRemoteServer.StartAsync();
        var added = await Catalog.AddAsync(BackendKind.OpenAI, "Fake vLLM", new Uri(remote.Address, "v1/").ToString(), null);
        await using var scope = fixture.Server.App.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<ChatSession>();
        await session.OpenAsync(null);

        await session.SelectBackendAsync(added.Id);
        await session.SendAsync("Hi remote");
        await session.ReplyCompletion;

        Assert.Equal(["remote-a", "remote-b"], session.Models.Select(model => model.Id));
        Assert.Equal("remote-a", session.Conversation.Model);
        Assert.Equal((MessageState.Complete, FakeRemoteServer.DefaultReply), (session.Messages[^1].State, session.Messages[^1].Content));
        Assert.Equal(new Uri(remote.Address, "v1").ToString(), added.Url);
        await Catalog.RemoveAsync(added.Id);
    }
}
