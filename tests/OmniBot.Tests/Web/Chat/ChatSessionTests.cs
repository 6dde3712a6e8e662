using Microsoft.Extensions.DependencyInjection;
using OmniBot.Tests.Server;
using OmniBot.Web.Chat;
using OmniBot.Web.Persistence;

namespace OmniBot.Tests.Web.Chat;

/// <summary>The chat session over a real server: real tiny models through llama.cpp, real SQLite.</summary>
public sealed class ChatSessionTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    /// <summary>A reply that cannot end before its 16 384-token context is full (a JSON string of 60 000+ characters).</summary>
    private static readonly ConversationSettings Endless = new()
    {
        Temperature = 0, MaxTokens = 100_000, ContextSize = 16_384, Format = ReplyFormat.JsonSchema, JsonSchema = "{\"type\":\"string\",\"minLength\":60000}",
    };

    private static readonly ConversationSettings Short = new() { Temperature = 0, MaxTokens = 8 };

    private AsyncServiceScope _scope;

    private ChatSession Session => _scope.ServiceProvider.GetRequiredService<ChatSession>();

    private MessageRepository Messages => _scope.ServiceProvider.GetRequiredService<MessageRepository>();

    public Task InitializeAsync()
    {
        _scope = fixture.Server.App.Services.CreateAsyncScope();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    [Fact]
    public async Task Send_NewChat_SavesTheConversationAndACompleteReplyWithStats()
    {
        await OpenDraftAsync(Short);

        var id = await Session.SendAsync("Hello, session");
        await Session.ReplyCompletion;

        var saved = await Messages.ListAsync(id!);
        Assert.Equal([MessageRole.User, MessageRole.Assistant], saved.Select(message => message.Role));
        var reply = saved[1];
        Assert.Equal((MessageState.Complete, $"{OmniBotTestServer.Llama}:latest"), (reply.State, reply.Model));
        Assert.NotEmpty(reply.Content);
        Assert.InRange(reply.Stats?.OutputTokens ?? 0, 1, 8);
        Assert.NotNull(reply.Stats?.TimeToFirstTokenMs);
        Assert.Equal("Hello, session", Session.Conversation.Title);
        Assert.Contains(Session.Conversations, conversation => conversation.Id == id);
        Assert.Equal(saved, Session.Messages);
    }

    [Fact]
    public async Task Stop_WhileStreaming_KeepsThePartialReplySavedAsPartial()
    {
        await OpenDraftAsync(Endless);
        var streaming = WhenReplyHasText();

        var id = await Session.SendAsync("A long one, please");
        await streaming;
        Assert.True(Session.IsGenerating);
        Session.Stop();
        await Session.ReplyCompletion;

        var reply = (await Messages.ListAsync(id!))[^1];
        Assert.Equal(MessageState.Partial, reply.State);
        Assert.StartsWith("\"", reply.Content, StringComparison.Ordinal);
        Assert.False(Session.IsGenerating);
        Assert.Equal(reply, Session.Messages[^1]);
    }

    [Fact]
    public async Task ServerStopping_WhileStreaming_SavesThePartialReplyBeforeTheServerGoes()
    {
        var tracker = fixture.Server.App.Services.GetRequiredService<ChatGenerationTracker>();
        await OpenDraftAsync(Endless);
        var streaming = WhenReplyHasText();
        var id = await Session.SendAsync("Interrupted by shutdown");
        await streaming;

        await tracker.StoppingAsync(CancellationToken.None);

        Assert.Equal(0, tracker.RunningCount);
        var reply = (await Messages.ListAsync(id!))[^1];
        Assert.Equal(MessageState.Partial, reply.State);
        Assert.NotEmpty(reply.Content);
    }

    [Fact]
    public async Task RegenerateAndEdit_ReplaceTheLaterMessagesInOrder()
    {
        await OpenDraftAsync(Short);
        var id = await Session.SendAsync("First question");
        await Session.ReplyCompletion;
        var firstReplyId = Session.Messages[^1].Id;

        await Session.RegenerateAsync();
        await Session.ReplyCompletion;
        Assert.NotEqual(firstReplyId, Session.Messages[^1].Id);
        Assert.Equal(2, Session.Messages.Count);

        await Session.SendAsync("Second question");
        await Session.ReplyCompletion;
        await Session.EditAndResendAsync(Session.Messages[0].Id, "First question, edited");
        await Session.ReplyCompletion;

        var saved = await Messages.ListAsync(id!);
        Assert.Equal(["First question, edited"], saved.Where(message => message.Role == MessageRole.User).Select(message => message.Content));
        Assert.Equal([0, 1], saved.Select(message => message.Position));
        Assert.Equal(MessageState.Complete, saved[1].State);
    }

    [Fact]
    public async Task Send_ModelNotInTheStore_EndsWithAnErrorReplyNamingTheModel()
    {
        await OpenDraftAsync(Short);
        await Session.SelectModelAsync("no-such-model:latest");

        await Session.SendAsync("Anyone?");
        await Session.ReplyCompletion;

        var reply = Session.Messages[^1];
        Assert.Equal(MessageState.Error, reply.State);
        Assert.Contains("no-such-model:latest", reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_MessageLongerThanTheContext_EndsWithAnErrorReplyThatSaysHowToFixIt()
    {
        await OpenDraftAsync(Short);

        await Session.SendAsync(string.Join(' ', Enumerable.Repeat("overflowing", 1500)));
        await Session.ReplyCompletion;

        var reply = Session.Messages[^1];
        Assert.Equal(MessageState.Error, reply.State);
        Assert.Contains("Raise the context size in the settings", reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_SchemaThatIsNotJson_EndsWithAnErrorReply()
    {
        await OpenDraftAsync(Short with { Format = ReplyFormat.JsonSchema, JsonSchema = "{not json" });

        await Session.SendAsync("Give me JSON");
        await Session.ReplyCompletion;

        Assert.Contains("not valid JSON", Session.Messages[^1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_JsonMode_ReplyIsAJsonObject()
    {
        await OpenDraftAsync(new ConversationSettings { Temperature = 0, MaxTokens = 48, Format = ReplyFormat.Json });

        await Session.SendAsync("Reply in JSON");
        await Session.ReplyCompletion;

        var reply = Session.Messages[^1];
        Assert.StartsWith("{", reply.Content.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ConversationOfAnotherTab_ShowsItsMessagesAndSettings()
    {
        await OpenDraftAsync(Short with { SystemPrompt = "Be terse." });
        var id = await Session.SendAsync("Shared between tabs");
        await Session.ReplyCompletion;

        await using var otherTab = fixture.Server.App.Services.CreateAsyncScope();
        var other = otherTab.ServiceProvider.GetRequiredService<ChatSession>();
        await other.OpenAsync(id);

        Assert.True(other.IsSaved);
        Assert.Equal("Be terse.", other.Conversation.Settings.SystemPrompt);
        Assert.Equal(Session.Messages, other.Messages);
        await other.OpenAsync("0123456789abcdef0123456789abcdef");
        Assert.True(other.NotFound);
        Assert.False(other.IsSaved);
    }

    [Fact]
    public async Task Enter_AfterAModelWasAddedElsewhere_ListsItAndKeepsTheOpenChat()
    {
        await OpenDraftAsync(Short);
        var draftId = Session.Conversation.Id;
        var store = fixture.Server.Store;
        await store.CopyAsync(Models.Store.ModelRef.Parse(OmniBotTestServer.Qwen), Models.Store.ModelRef.Parse("added-later"));
        try
        {
            Assert.DoesNotContain(Session.Models, model => model.Id == "added-later:latest");

            await Session.EnterAsync();

            Assert.Contains(Session.Models, model => model.Id == "added-later:latest");
            Assert.Equal(draftId, Session.Conversation.Id);
        }
        finally
        {
            await store.RemoveAsync(Models.Store.ModelRef.Parse("added-later"));
        }
    }

    private async Task OpenDraftAsync(ConversationSettings settings)
    {
        await Session.OpenAsync(null);
        await Session.SelectModelAsync($"{OmniBotTestServer.Llama}:latest");
        await Session.UpdateSettingsAsync(settings);
    }

    private Task WhenReplyHasText()
    {
        var hasText = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Session.Changed += () =>
        {
            if (Session.IsGenerating && Session.Messages.Count > 0 && Session.Messages[^1].Content.Length > 0)
            {
                hasText.TrySetResult();
            }
        };
        return hasText.Task;
    }
}
