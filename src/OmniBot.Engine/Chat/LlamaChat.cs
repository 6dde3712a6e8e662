using System.Text;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;

namespace OmniBot.Engine.Chat;

/// <summary>
/// One-call chat: <c>chat({ model, messages, onToken })</c> in C#. Streams each piece of the reply to
/// <paramref name="onToken"/> and returns the whole response.
/// </summary>
public static class LlamaChat
{
    public static async Task<ChatResponse> ChatAsync(
        IChatClient client,
        IEnumerable<ChatMessage> messages,
        Action<string>? onToken = null,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            if (update.Text.Length > 0)
            {
                onToken?.Invoke(update.Text);
            }
        }

        return updates.ToChatResponse();
    }

    /// <summary>Loads the GGUF model at <paramref name="modelPath"/>, chats once and unloads it.</summary>
    public static async Task<ChatResponse> ChatAsync(
        string modelPath,
        IEnumerable<ChatMessage> messages,
        Action<string>? onToken = null,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        using var model = await LlamaModel.LoadAsync(modelPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var scheduler = new InferenceScheduler(model, new SchedulerOptions { Slots = 1 });
        using var client = new LlamaChatClient(scheduler);
        return await ChatAsync(client, messages, onToken, options, cancellationToken).ConfigureAwait(false);
    }
}
