using OmniBot.Web.Backends;
using OmniBot.Web.Chat;
using OmniBot.Web.Persistence;

namespace OmniBot.Tests.Web.Persistence;

public sealed class RepositoryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _test = new();

    [Fact]
    public async Task MessageUpdate_PartialReplyWhileStreaming_IsReadBackAsPartialWithEverythingSaved()
    {
        await CreateConversationAsync("c1", "Streaming");
        await _test.Messages.AppendAsync(new MessageRecord { ConversationId = "c1", Role = MessageRole.User, Content = "hi", CreatedAt = Start });
        var reply = await _test.Messages.AppendAsync(new MessageRecord { ConversationId = "c1", Role = MessageRole.Assistant, State = MessageState.Partial, Model = "tiny-llama:latest", CreatedAt = Start });

        var saved = await _test.Messages.UpdateAsync(reply with
        {
            Content = "Half a sentence",
            Reasoning = "thinking",
            ToolCalls = [new ToolCallRecord("call_1", "calculate", "{\"expression\":\"1+1\"}", "2")],
            Stats = new MessageStats { OutputTokens = 7, DurationMs = 120 },
        });

        Assert.True(saved);
        var messages = await _test.Messages.ListAsync("c1");
        Assert.Equal([0, 1], messages.Select(message => message.Position));
        var read = messages[1];
        Assert.Equal((MessageState.Partial, "Half a sentence", "thinking", "tiny-llama:latest"), (read.State, read.Content, read.Reasoning, read.Model));
        Assert.Equal(new ToolCallRecord("call_1", "calculate", "{\"expression\":\"1+1\"}", "2"), Assert.Single(read.ToolCalls));
        Assert.Equal(7, read.Stats?.OutputTokens);
    }

    [Fact]
    public async Task ConversationList_Search_MatchesTitlesAndMessageTextAndTreatsWildcardsLiterally()
    {
        await CreateConversationAsync("a", "Trip to Lisbon", Start);
        await CreateConversationAsync("b", "Recipes", Start.AddMinutes(1));
        await CreateConversationAsync("c", "100% sure", Start.AddMinutes(2));
        await _test.Messages.AppendAsync(new MessageRecord { ConversationId = "b", Role = MessageRole.User, Content = "How long do I bake LISBON tarts?", CreatedAt = Start.AddMinutes(3) });

        Assert.Equal(["b", "c", "a"], (await _test.Conversations.ListAsync()).Select(conversation => conversation.Id));
        Assert.Equal(["b", "a"], (await _test.Conversations.ListAsync("lisbon")).Select(conversation => conversation.Id));
        Assert.Equal(["c"], (await _test.Conversations.ListAsync("0%")).Select(conversation => conversation.Id));
        Assert.Empty(await _test.Conversations.ListAsync("_"));
    }

    [Fact]
    public async Task ConversationDelete_RemovesItsMessagesToo()
    {
        await CreateConversationAsync("c1", "Doomed");
        await _test.Messages.AppendAsync(new MessageRecord { ConversationId = "c1", Role = MessageRole.User, Content = "hello", CreatedAt = Start });

        Assert.True(await _test.Conversations.DeleteAsync("c1"));

        Assert.Null(await _test.Conversations.GetAsync("c1"));
        Assert.Empty(await _test.Messages.ListAsync("c1"));
        Assert.False(await _test.Conversations.DeleteAsync("c1"));
    }

    [Fact]
    public async Task MessageDeleteFrom_DropsThatMessageAndLaterOnesAndNextAppendReusesThePosition()
    {
        await CreateConversationAsync("c1", "Regenerated");
        foreach (var text in new[] { "q1", "a1", "q2", "a2" })
        {
            await _test.Messages.AppendAsync(new MessageRecord { ConversationId = "c1", Role = text[0] == 'q' ? MessageRole.User : MessageRole.Assistant, Content = text, CreatedAt = Start });
        }

        Assert.Equal(2, await _test.Messages.DeleteFromAsync("c1", 2));
        var appended = await _test.Messages.AppendAsync(new MessageRecord { ConversationId = "c1", Role = MessageRole.User, Content = "q2 edited", CreatedAt = Start });

        Assert.Equal(2, appended.Position);
        Assert.Equal(["q1", "a1", "q2 edited"], (await _test.Messages.ListAsync("c1")).Select(message => message.Content));
    }

    [Fact]
    public async Task ConversationUpdate_SettingsAndModel_RoundTrip()
    {
        await CreateConversationAsync("c1", "Tuned");
        var conversation = (await _test.Conversations.GetAsync("c1"))!;
        var settings = new ConversationSettings
        {
            SystemPrompt = "Be brief.", Temperature = 0.2f, TopP = 0.9f, TopK = 40, MinP = 0.05f, MaxTokens = 64,
            ContextSize = 2048, Seed = 7, Format = ReplyFormat.JsonSchema, JsonSchema = "{\"type\":\"object\"}", ToolsEnabled = true,
        };

        await _test.Conversations.UpdateAsync(conversation with { Title = "Renamed", Model = "tiny-qwen:latest", Settings = settings });

        var read = (await _test.Conversations.GetAsync("c1"))!;
        Assert.Equal(("Renamed", "tiny-qwen:latest"), (read.Title, read.Model));
        Assert.Equal(settings, read.Settings);
    }

    [Fact]
    public async Task Backends_RemovingTheDefault_MakesTheBuiltInBackendDefaultAgain()
    {
        var ollama = new BackendRecord("b1", BackendKind.Ollama, "Ollama box", "http://127.0.0.1:11434", null, false);
        var openAI = new BackendRecord("b2", BackendKind.OpenAI, "vLLM", "http://127.0.0.1:8000/v1", "secret", false);
        await _test.Backends.AddAsync(ollama);
        await _test.Backends.AddAsync(openAI);

        Assert.True(await _test.Backends.SetDefaultAsync("b2"));
        Assert.Equal(["b2"], (await _test.Backends.ListAsync()).Where(backend => backend.IsDefault).Select(backend => backend.Id));
        Assert.Equal("secret", (await _test.Backends.GetAsync("b2"))?.ApiKey);
        Assert.True(await _test.Backends.RemoveAsync("b2"));

        var remaining = await _test.Backends.ListAsync();
        Assert.Equal([BackendRecord.BuiltInId, "b1"], remaining.Select(backend => backend.Id));
        Assert.Equal(BackendRecord.BuiltInId, Assert.Single(remaining, backend => backend.IsDefault).Id);
        Assert.False(await _test.Backends.SetDefaultAsync("missing"));
    }

    [Fact]
    public async Task Backends_ApiKey_IsEncryptedInTheDatabaseFileAndReadBackAsEntered()
    {
        const string secret = "sk-very-secret-key-123";
        await _test.Backends.AddAsync(new BackendRecord("b1", BackendKind.OpenAI, "Remote", "https://api.example.com/v1", secret, false));

        Assert.Equal(secret, (await _test.Backends.GetAsync("b1"))?.ApiKey);
        Assert.DoesNotContain(secret, await StoredApiKeyAsync("b1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backends_ApiKeySavedBeforeEncryption_IsStillRead()
    {
        await _test.Backends.AddAsync(new BackendRecord("b1", BackendKind.OpenAI, "Remote", "https://api.example.com/v1", null, false));
        await ExecuteAsync("UPDATE backends SET api_key = 'plain-old-key' WHERE id = 'b1'");

        Assert.Equal("plain-old-key", (await _test.Backends.GetAsync("b1"))?.ApiKey);
    }

    [Fact]
    public async Task Backends_ApiKeyWhoseEncryptionKeysAreGone_ReadsAsMissingInsteadOfFailing()
    {
        await _test.Backends.AddAsync(new BackendRecord("b1", BackendKind.OpenAI, "Remote", "https://api.example.com/v1", "secret", false));
        Directory.Delete(Path.Combine(_test.Directory, "keys"), recursive: true);
        var otherMachine = new BackendRepository(_test.Database, TimeProvider.System, Microsoft.AspNetCore.DataProtection.DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(_test.Directory, "other-keys"))));

        var backend = await otherMachine.GetAsync("b1");

        Assert.NotNull(backend);
        Assert.Null(backend.ApiKey);
    }

    private async Task<string> StoredApiKeyAsync(string id)
    {
        await using var connection = await _test.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT api_key FROM backends WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _test.Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task AppSettings_SetOverwriteAndRemove()
    {
        await _test.Settings.SetAsync("chat.model", "a");
        await _test.Settings.SetAsync("chat.model", "b");
        Assert.Equal("b", await _test.Settings.GetAsync("chat.model"));

        await _test.Settings.SetAsync("chat.model", null);

        Assert.Null(await _test.Settings.GetAsync("chat.model"));
    }

    public void Dispose() => _test.Dispose();

    private Task CreateConversationAsync(string id, string title, DateTimeOffset? at = null) =>
        _test.Conversations.CreateAsync(new ConversationRecord(id, title, at ?? Start, at ?? Start, BackendRecord.BuiltInId, "tiny-llama:latest", new ConversationSettings()));
}
