using Microsoft.Extensions.Logging;
using OmniBot.Server.Management;
using OmniBot.Web.Backends;
using OmniBot.Web.Persistence;

namespace OmniBot.Web.Chat;

/// <summary>
/// The chat as one browser tab sees it (one per Blazor circuit): the conversation list, the open conversation and its
/// messages, the chosen backend and model, and the reply being streamed. Components render this state and call its
/// methods; it saves everything as it changes. Call it from the circuit's dispatcher only.
/// </summary>
public sealed partial class ChatSession(
    ConversationRepository conversations,
    MessageRepository messages,
    AppSettingsRepository appSettings,
    BackendCatalog catalog,
    DemoTools tools,
    ChatGenerationTracker tracker,
    ServerMetrics metrics,
    TimeProvider timeProvider,
    ILogger<ChatSession> logger) : IAsyncDisposable
{
    internal const string LastBackendKey = "chat.backend";
    internal const string LastModelKey = "chat.model";
    private const int TitleLength = 60;

    private List<MessageRecord> _messages = [];
    private ConversationRecord? _conversation;
    private string? _modelsBackendId;

    /// <summary>Raised whenever something shown changed; handlers re-render (through the component's dispatcher).</summary>
    public event Action? Changed;

    /// <summary>The open conversation; a draft (not saved until its first message) when <see cref="IsSaved"/> is false.</summary>
    public ConversationRecord Conversation => _conversation ?? throw new InvalidOperationException("Call OpenAsync first.");

    public bool IsOpen => _conversation is not null;

    public bool IsSaved { get; private set; }

    /// <summary>The last <see cref="OpenAsync"/> named a conversation that does not exist (deleted, or another database).</summary>
    public bool NotFound { get; private set; }

    public IReadOnlyList<MessageRecord> Messages => _messages;

    /// <summary>Saved conversations, newest first, filtered by <see cref="Search"/>.</summary>
    public IReadOnlyList<ConversationRecord> Conversations { get; private set; } = [];

    public string Search { get; private set; } = "";

    public IReadOnlyList<BackendRecord> Backends { get; private set; } = [];

    public BackendRecord? Backend { get; private set; }

    public IReadOnlyList<BackendModel> Models { get; private set; } = [];

    /// <summary>Why the backend's models could not be listed, in words for the user.</summary>
    public string? ModelsError { get; private set; }

    /// <summary>
    /// Reloads what may have changed on other pages of the same tab (backends added, models downloaded, chats in other tabs);
    /// the chat page calls it when the user comes to it.
    /// </summary>
    public async Task EnterAsync(CancellationToken cancellationToken = default)
    {
        Backends = await catalog.ListAsync(cancellationToken);
        Conversations = await conversations.ListAsync(Search, cancellationToken: cancellationToken);
        _modelsBackendId = null;
        if (_conversation is not null)
        {
            await UseBackendAsync(_conversation.BackendId, cancellationToken);
        }

        Notify();
    }

    /// <summary>Opens conversation <paramref name="id"/>, or a new draft when it is null.</summary>
    public async Task OpenAsync(string? id, CancellationToken cancellationToken = default)
    {
        NotFound = false;
        if (Backends.Count == 0)
        {
            await EnterAsync(cancellationToken);
        }

        if (id is null)
        {
            if (_conversation is null || IsSaved)
            {
                await StartDraftAsync(cancellationToken);
            }
        }
        else if (_conversation?.Id != id)
        {
            var found = await conversations.GetAsync(id, cancellationToken);
            if (found is null)
            {
                await StartDraftAsync(cancellationToken);
                NotFound = true;
            }
            else
            {
                _conversation = found;
                IsSaved = true;
                _messages = [.. await messages.ListAsync(id, cancellationToken)];
                await UseBackendAsync(found.BackendId, cancellationToken);
            }
        }

        Notify();
    }

    /// <summary>Filters the conversation list by title or message text.</summary>
    public async Task SearchAsync(string? text, CancellationToken cancellationToken = default)
    {
        Search = text?.Trim() ?? "";
        await RefreshConversationsAsync(cancellationToken);
    }

    public async Task RenameAsync(string id, string title, CancellationToken cancellationToken = default)
    {
        title = title.Trim();
        if (title.Length == 0 || await conversations.GetAsync(id, cancellationToken) is not { } found)
        {
            return;
        }

        var renamed = found with { Title = title };
        await conversations.UpdateAsync(renamed, cancellationToken);
        if (_conversation?.Id == id)
        {
            _conversation = _conversation with { Title = title };
        }

        await RefreshConversationsAsync(cancellationToken);
    }

    /// <summary>Deletes a conversation (stopping its reply first); the open one becomes a new draft.</summary>
    /// <returns>Whether the deleted conversation was the open one.</returns>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (_reply?.ConversationId == id)
        {
            await StopAndWaitAsync();
        }

        await conversations.DeleteAsync(id, cancellationToken);
        var wasOpen = _conversation?.Id == id;
        if (wasOpen)
        {
            await StartDraftAsync(cancellationToken);
        }

        await RefreshConversationsAsync(cancellationToken);
        return wasOpen;
    }

    /// <summary>Talks to another backend from now on; picks its first (or last used) model.</summary>
    public async Task SelectBackendAsync(string backendId, CancellationToken cancellationToken = default)
    {
        if (_conversation is null || backendId == _conversation.BackendId)
        {
            return;
        }

        _conversation = _conversation with { BackendId = backendId, Model = null };
        await UseBackendAsync(backendId, cancellationToken);
        await appSettings.SetAsync(LastBackendKey, Backend?.Id, cancellationToken);
        await SaveConversationAsync(cancellationToken);
        Notify();
    }

    public async Task SelectModelAsync(string model, CancellationToken cancellationToken = default)
    {
        if (_conversation is null || string.IsNullOrEmpty(model))
        {
            return;
        }

        _conversation = _conversation with { Model = model };
        await appSettings.SetAsync(LastModelKey, model, cancellationToken);
        await SaveConversationAsync(cancellationToken);
        Notify();
    }

    /// <summary>Lists the current backend's models again (after a download, or when a server came back).</summary>
    public Task RefreshModelsAsync(CancellationToken cancellationToken = default) => EnterAsync(cancellationToken);

    public async Task UpdateSettingsAsync(ConversationSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (_conversation is null)
        {
            return;
        }

        _conversation = _conversation with { Settings = settings };
        await SaveConversationAsync(cancellationToken);
        Notify();
    }

    public async ValueTask DisposeAsync()
    {
        Changed = null;
        await StopAndWaitAsync();
    }

    private async Task StartDraftAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var lastBackend = await appSettings.GetAsync(LastBackendKey, cancellationToken);
        var backend = await catalog.GetOrDefaultAsync(lastBackend, cancellationToken);
        _conversation = new ConversationRecord(ConversationRecord.NewId(), "New chat", now, now, backend.Id, null, new ConversationSettings());
        IsSaved = false;
        _messages = [];
        await UseBackendAsync(backend.Id, cancellationToken);
    }

    /// <summary>Makes <paramref name="backendId"/> current, lists its models (once per backend), and fills in a model when none is chosen.</summary>
    private async Task UseBackendAsync(string? backendId, CancellationToken cancellationToken)
    {
        var backend = await catalog.GetOrDefaultAsync(backendId, cancellationToken);
        Backend = backend;
        if (_modelsBackendId != backend.Id)
        {
            _modelsBackendId = backend.Id;
            try
            {
                Models = await catalog.Connect(backend).ListModelsAsync(cancellationToken);
                ModelsError = null;
            }
            catch (BackendUnavailableException unavailable)
            {
                Models = [];
                ModelsError = unavailable.Message;
            }
        }

        if (_conversation is not null && (_conversation.Model is null || _conversation.BackendId != backend.Id))
        {
            var last = await appSettings.GetAsync(LastModelKey, cancellationToken);
            var model = Models.FirstOrDefault(candidate => candidate.Id == last)?.Id ?? Models.FirstOrDefault()?.Id;
            _conversation = _conversation with { BackendId = backend.Id, Model = model ?? _conversation.Model };
        }
    }

    private async Task SaveConversationAsync(CancellationToken cancellationToken)
    {
        if (IsSaved && _conversation is not null)
        {
            await conversations.UpdateAsync(_conversation, cancellationToken);
            await RefreshConversationsAsync(cancellationToken);
        }
    }

    private async Task RefreshConversationsAsync(CancellationToken cancellationToken)
    {
        Conversations = await conversations.ListAsync(Search, cancellationToken: cancellationToken);
        Notify();
    }

    private static string TitleFrom(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim();
        return line.Length <= TitleLength ? line : line[..(TitleLength - 1)].TrimEnd() + "…";
    }

    private void Notify() => Changed?.Invoke();
}
