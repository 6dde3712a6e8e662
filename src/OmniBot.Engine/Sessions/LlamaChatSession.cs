using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Inference;

namespace OmniBot.Engine.Sessions;

/// <summary>
/// A stateful conversation over any <see cref="IChatClient"/> (usually a <c>LlamaChatClient</c>):
/// it keeps the history and system prompt and sends them with each prompt. Its conversation id pins
/// it to one scheduler slot, so every turn only evaluates its new tokens.
/// </summary>
public sealed class LlamaChatSession
{
    private readonly IChatClient _client;
    private readonly ChatOptions? _defaults;
    private readonly List<ChatMessage> _history = [];
    private readonly SemaphoreSlim _turn = new(1, 1);
    private IChatClient? _invoking;

    public LlamaChatSession(IChatClient client, string? systemPrompt = null, ChatOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _defaults = defaults;
        SystemPrompt = systemPrompt;
    }

    /// <summary>Identifies the conversation to the scheduler (slot affinity).</summary>
    public string ConversationId { get; } = Guid.NewGuid().ToString("N");

    public string? SystemPrompt { get; set; }

    /// <summary>
    /// C# functions the model may call (made with <see cref="AIFunctionFactory"/> from methods or delegates):
    /// the session calls them and feeds their results back until the model answers.
    /// </summary>
    public IList<AIFunction> Functions { get; } = [];

    /// <summary>The user and assistant messages so far (the system prompt is kept apart).</summary>
    public IReadOnlyList<ChatMessage> History => _history.AsReadOnly();

    /// <summary>Usage of the last completed prompt.</summary>
    public UsageDetails? LastUsage => LastResponse?.Usage;

    /// <summary>The last completed reply with its usage and engine statistics.</summary>
    public ChatResponse? LastResponse { get; private set; }

    public async Task<string> PromptAsync(string text, PromptOptions? options = null, CancellationToken cancellationToken = default)
    {
        var reply = new StringBuilder();
        await foreach (var piece in PromptStreamingAsync(text, options, cancellationToken).ConfigureAwait(false))
        {
            reply.Append(piece);
        }

        return reply.ToString();
    }

    /// <summary>
    /// Streams the reply. The user message and the reply join the history only when the reply completes;
    /// a cancelled or failed prompt leaves the history as it was.
    /// </summary>
    public async IAsyncEnumerable<string> PromptStreamingAsync(
        string text,
        PromptOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var userMessage = new ChatMessage(ChatRole.User, text);
            var messages = BuildMessages(userMessage);
            var updates = new List<ChatResponseUpdate>();
            var client = Functions.Count > 0 ? _invoking ??= new FunctionInvokingChatClient(_client) : _client;
            await foreach (var update in client.GetStreamingResponseAsync(messages, BuildOptions(options), cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
                if (update.Text.Length > 0)
                {
                    options?.OnToken?.Invoke(update.Text);
                    yield return update.Text;
                }
            }

            var response = updates.ToChatResponse();
            LastResponse = response;
            _history.Add(userMessage);
            _history.AddRange(response.Messages);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Asks for a reply shaped as <typeparamref name="T"/> (its JSON Schema constrains generation) and returns it parsed.
    /// </summary>
    /// <exception cref="LlamaEngineException">The reply was cut off by the token limit before the JSON was complete.</exception>
    public async Task<T> PromptAsync<T>(string text, PromptOptions? options = null, CancellationToken cancellationToken = default)
    {
        var schema = AIJsonUtilities.CreateJsonSchema(typeof(T), serializerOptions: AIJsonUtilities.DefaultOptions);
        var reply = await PromptAsync(text, (options ?? new PromptOptions()) with { Schema = schema }, cancellationToken).ConfigureAwait(false);
        if (LastResponse?.FinishReason == ChatFinishReason.Length)
        {
            throw new LlamaEngineException($"The reply was cut off by the token limit before the {typeof(T).Name} JSON was complete; raise MaxOutputTokens.");
        }

        return JsonSerializer.Deserialize<T>(reply, AIJsonUtilities.DefaultOptions)
            ?? throw new LlamaEngineException($"The reply was JSON null, not a {typeof(T).Name}.");
    }

    public void ClearHistory() => _history.Clear();

    public void ReplaceHistory(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var copy = messages.ToList();
        if (copy.Any(message => message.Role == ChatRole.System))
        {
            throw new ArgumentException("Set the system prompt through SystemPrompt, not as a history message.", nameof(messages));
        }

        _history.Clear();
        _history.AddRange(copy);
    }

    /// <summary>The system prompt and history as JSON (Microsoft.Extensions.AI's message format).</summary>
    public string SerializeHistory() =>
        JsonSerializer.Serialize(new SessionSnapshot(SystemPrompt, _history), AIJsonUtilities.DefaultOptions);

    /// <summary>Restores what <see cref="SerializeHistory"/> wrote.</summary>
    public void RestoreHistory(string json)
    {
        var snapshot = JsonSerializer.Deserialize<SessionSnapshot>(json, AIJsonUtilities.DefaultOptions)
            ?? throw new JsonException("The session history JSON is empty.");
        SystemPrompt = snapshot.SystemPrompt;
        ReplaceHistory(snapshot.Messages);
    }

    /// <summary>
    /// Saves the conversation to a file: the history, and (over an in-process model) the KV cache of its slot,
    /// so that <see cref="LoadAsync"/> continues without evaluating the conversation again.
    /// </summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        var scheduler = _client.GetService<InferenceScheduler>();
        ConversationState? state = null;
        if (scheduler is not null && _history.Count > 0)
        {
            state = await scheduler.SaveStateAsync(ConversationId).ConfigureAwait(false);
        }

        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            using var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(SerializeHistory());
            writer.Write(state is not null);
            writer.Flush();
            state?.WriteTo(file);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Restores what <see cref="SaveAsync"/> wrote; a cache from another model is refused with a clear error.</summary>
    public async Task LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = File.OpenRead(path);
        using var reader = new BinaryReader(file, System.Text.Encoding.UTF8, leaveOpen: true);
        string history;
        bool hasState;
        try
        {
            history = reader.ReadString();
            hasState = reader.ReadBoolean();
        }
        catch (Exception exception) when (exception is EndOfStreamException or IOException)
        {
            throw new LlamaEngineException($"'{path}' is not a saved OmniBot session.", exception);
        }

        var state = hasState ? ConversationState.ReadFrom(file) : null;
        if (state is not null && _client.GetService<InferenceScheduler>() is { } scheduler)
        {
            await scheduler.RestoreStateAsync(ConversationId, state).ConfigureAwait(false);
        }

        RestoreHistory(history);
    }

    private List<ChatMessage> BuildMessages(ChatMessage userMessage)
    {
        var messages = new List<ChatMessage>(_history.Count + 2);
        if (!string.IsNullOrEmpty(SystemPrompt))
        {
            messages.Add(new ChatMessage(ChatRole.System, SystemPrompt));
        }

        messages.AddRange(_history);
        messages.Add(userMessage);
        return messages;
    }

    private ChatOptions BuildOptions(PromptOptions? options)
    {
        var merged = options?.ChatOptions?.Clone() ?? _defaults?.Clone() ?? new ChatOptions();
        if (options?.ChatOptions is not null && _defaults is not null)
        {
            merged.Temperature ??= _defaults.Temperature;
            merged.TopP ??= _defaults.TopP;
            merged.TopK ??= _defaults.TopK;
            merged.MaxOutputTokens ??= _defaults.MaxOutputTokens;
            merged.Seed ??= _defaults.Seed;
            merged.StopSequences ??= _defaults.StopSequences;
        }

        merged.ConversationId = ConversationId;
        if (options?.Schema is { } schema)
        {
            merged.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema);
        }

        if (Functions.Count > 0)
        {
            merged.Tools = [.. Functions];
        }

        return merged;
    }

    private sealed record SessionSnapshot(string? SystemPrompt, List<ChatMessage> Messages);
}
