using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OmniBot.Web.Backends;
using OmniBot.Web.Persistence;

namespace OmniBot.Web.Chat;

public sealed partial class ChatSession
{
    /// <summary>How often a streaming reply is shown (re-rendered) and how often it is saved.</summary>
    private static readonly TimeSpan ShowInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan SaveInterval = TimeSpan.FromMilliseconds(500);

    private RunningReply? _reply;

    /// <summary>Whether a reply is streaming into the open conversation.</summary>
    public bool IsGenerating => _reply is { } reply && reply.ConversationId == _conversation?.Id;

    /// <summary>The message the reply streams into, while it does.</summary>
    public long? StreamingMessageId => IsGenerating ? _reply!.MessageId : null;

    /// <summary>Completes when the running reply (if any) has ended and been saved.</summary>
    public Task ReplyCompletion => _reply?.Completion ?? Task.CompletedTask;

    /// <summary>Sends a user message and starts streaming the reply; a draft is saved first.</summary>
    /// <returns>The conversation's id (a draft's id stays the same once saved).</returns>
    public async Task<string?> SendAsync(string text, CancellationToken cancellationToken = default)
    {
        text = text?.Trim() ?? "";
        if (_conversation is null || text.Length == 0 || IsGenerating)
        {
            return _conversation?.Id;
        }

        await StopAndWaitAsync();
        var now = timeProvider.GetUtcNow();
        if (!IsSaved)
        {
            _conversation = _conversation with { Title = TitleFrom(text), CreatedAt = now, UpdatedAt = now };
            await conversations.CreateAsync(_conversation, cancellationToken);
            IsSaved = true;
        }

        var user = await messages.AppendAsync(
            new MessageRecord { ConversationId = _conversation.Id, Role = MessageRole.User, Content = text, CreatedAt = now },
            cancellationToken);
        _messages.Add(user);
        await StartReplyAsync(cancellationToken);
        await RefreshConversationsAsync(cancellationToken);
        return _conversation.Id;
    }

    /// <summary>Stops the streaming reply; what it wrote so far stays, marked as stopped.</summary>
    public void Stop() => _reply?.Stop.Cancel();

    /// <summary>Replaces the last reply with a new one to the same messages.</summary>
    public async Task RegenerateAsync(CancellationToken cancellationToken = default)
    {
        if (_conversation is null || !IsSaved || IsGenerating || _messages.Count == 0)
        {
            return;
        }

        if (_messages[^1].Role == MessageRole.Assistant)
        {
            await TruncateAsync(_messages.Count - 1, cancellationToken);
        }

        await StartReplyAsync(cancellationToken);
    }

    /// <summary>Changes an earlier user message, drops everything after it, and asks again.</summary>
    public async Task EditAndResendAsync(long messageId, string text, CancellationToken cancellationToken = default)
    {
        text = text?.Trim() ?? "";
        var index = _messages.FindIndex(message => message.Id == messageId && message.Role == MessageRole.User);
        if (index < 0 || text.Length == 0)
        {
            return;
        }

        await StopAndWaitAsync();
        var edited = _messages[index] with { Content = text };
        await messages.UpdateAsync(edited, cancellationToken);
        _messages[index] = edited;
        await TruncateAsync(index + 1, cancellationToken);
        await StartReplyAsync(cancellationToken);
    }

    private async Task TruncateAsync(int index, CancellationToken cancellationToken)
    {
        if (index < _messages.Count)
        {
            await messages.DeleteFromAsync(Conversation.Id, _messages[index].Position, cancellationToken);
            _messages.RemoveRange(index, _messages.Count - index);
        }
    }

    private async Task StartReplyAsync(CancellationToken cancellationToken)
    {
        var conversation = Conversation;
        var history = _messages.ToList();
        var reply = await messages.AppendAsync(
            new MessageRecord
            {
                ConversationId = conversation.Id,
                Role = MessageRole.Assistant,
                State = MessageState.Partial,
                Model = conversation.Model,
                CreatedAt = timeProvider.GetUtcNow(),
            },
            cancellationToken);
        _messages.Add(reply);

        var stop = new CancellationTokenSource();
        var running = new RunningReply(conversation.Id, reply.Id, stop, tracker.Track(stop));
        _reply = running;
        Notify();
        running.Completion = RunAsync(conversation, history, reply, running);
    }

    private async Task RunAsync(ConversationRecord conversation, List<MessageRecord> history, MessageRecord reply, RunningReply running)
    {
        var started = timeProvider.GetTimestamp();
        var accumulator = new ReplyAccumulator();
        var state = MessageState.Partial;
        string? error = null;
        var backend = Backend is { } current && current.Id == conversation.BackendId ? current : await catalog.GetOrDefaultAsync(conversation.BackendId);
        try
        {
            if (string.IsNullOrEmpty(conversation.Model))
            {
                throw new BackendUnavailableException(Models.Count == 0 && ModelsError is not null
                    ? ModelsError
                    : "No model is selected. Pick one above, or download one on the Models page.");
            }

            var chatMessages = ChatHistory.Build(conversation.Settings, history);
            var options = ChatOptionsFactory.Create(conversation.Settings, backend.Kind, conversation.Model, tools.All);
            await using var lease = await catalog.Connect(backend).OpenAsync(conversation.Model, conversation.Settings.ContextSize, running.Stop.Token);
            var client = options.Tools is { Count: > 0 }
                ? new FunctionInvokingChatClient(lease.Client) { IncludeDetailedErrors = true, MaximumIterationsPerRequest = 4 }
                : lease.Client;
            var lastShown = started;
            var lastSaved = started;
            await foreach (var update in client.GetStreamingResponseAsync(chatMessages, options, running.Stop.Token))
            {
                accumulator.Add(update, timeProvider.GetElapsedTime(started));
                if (timeProvider.GetElapsedTime(lastShown) >= ShowInterval)
                {
                    lastShown = timeProvider.GetTimestamp();
                    reply = accumulator.ApplyTo(reply);
                    Show(reply);
                }

                if (timeProvider.GetElapsedTime(lastSaved) >= SaveInterval)
                {
                    lastSaved = timeProvider.GetTimestamp();
                    await messages.UpdateAsync(accumulator.ApplyTo(reply));
                }
            }

            state = MessageState.Complete;
        }
        catch (OperationCanceledException) when (running.Stop.IsCancellationRequested)
        {
            state = MessageState.Partial;
        }
        catch (Exception exception)
        {
            state = MessageState.Error;
            error = ChatErrors.Describe(exception, backend.Name);
            LogReplyFailed(logger, exception, conversation.Id, backend.Name, conversation.Model);
        }

        var duration = timeProvider.GetElapsedTime(started);
        reply = accumulator.ApplyTo(reply) with { State = state, Error = error, Stats = accumulator.Stats(duration) };
        try
        {
            await messages.UpdateAsync(reply);
        }
        catch (Exception exception)
        {
            LogSaveFailed(logger, exception, conversation.Id);
        }
        finally
        {
            if (backend.Kind == BackendKind.LlamaCpp && state != MessageState.Error)
            {
                metrics.RecordGeneration(accumulator.Usage, duration);
            }

            if (_reply == running)
            {
                _reply = null;
            }

            running.Registration.Dispose();
            running.Stop.Dispose();
            Show(reply);
        }
    }

    private async Task StopAndWaitAsync()
    {
        if (_reply is { } running)
        {
            await running.Stop.CancelAsync();
            await running.Completion;
        }
    }

    /// <summary>Puts the newest version of a streaming message on screen, when its conversation is the open one.</summary>
    private void Show(MessageRecord message)
    {
        if (_conversation?.Id == message.ConversationId)
        {
            var index = _messages.FindLastIndex(candidate => candidate.Id == message.Id);
            if (index >= 0)
            {
                _messages[index] = message;
            }
        }

        Notify();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A reply in conversation {ConversationId} failed on backend {Backend}, model {Model}")]
    private static partial void LogReplyFailed(ILogger logger, Exception exception, string conversationId, string backend, string? model);

    [LoggerMessage(Level = LogLevel.Error, Message = "The reply in conversation {ConversationId} could not be saved")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string conversationId);

    private sealed class RunningReply(string conversationId, long messageId, CancellationTokenSource stop, IDisposable registration)
    {
        public string ConversationId => conversationId;

        public long MessageId => messageId;

        public CancellationTokenSource Stop => stop;

        public IDisposable Registration => registration;

        public Task Completion { get; set; } = Task.CompletedTask;
    }
}
