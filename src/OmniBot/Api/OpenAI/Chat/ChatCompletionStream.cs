using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary>
/// The server-sent events of one streamed chat completion: a first chunk with the assistant role, a chunk per
/// piece of text, reasoning or tool calls, a last chunk with the finish reason, the usage chunk when asked for,
/// then <c>[DONE]</c>. Owns the generation and the model lease, and frees both however the stream ends.
/// </summary>
internal sealed class ChatCompletionStream(string id, long created, string model, bool includeUsage)
{
    private int _toolCallIndex;

    /// <param name="onFinished">Called with the usage once the generation completed (not when it failed or was cancelled).</param>
    /// <param name="errorEvent">The event that reports a failure in-stream.</param>
    public async IAsyncEnumerable<string> EventsAsync(
        PrimedAsyncEnumerator<ChatResponseUpdate> updates,
        IAsyncDisposable lease,
        Action<UsageDetails?> onFinished,
        Func<Exception, string> errorEvent,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            yield return Chunk(new ChatMessageOutput { Role = "assistant", Content = string.Empty }, null);
            UsageDetails? usage = null;
            ChatFinishReason? finishReason = null;
            while (await updates.MoveNextOrFailAsync().ConfigureAwait(false))
            {
                var update = updates.Current;
                cancellationToken.ThrowIfCancellationRequested();
                usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
                finishReason = update.FinishReason ?? finishReason;
                if (Delta(update) is { } delta)
                {
                    yield return Chunk(delta, null);
                }
            }

            var failure = updates.Failure;
            if (failure is not null)
            {
                yield return errorEvent(failure);
                yield break;
            }

            onFinished(usage);
            yield return Chunk(new ChatMessageOutput(), ChatCompletionMapper.FinishReason(finishReason));
            if (includeUsage)
            {
                yield return OpenAIJson.Serialize(new ChatCompletionChunk(id, created, model, [], CompletionUsage.From(usage)));
            }

            yield return OpenAIStreamEvents.Done;
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ChatMessageOutput? Delta(ChatResponseUpdate update)
    {
        string? text = null;
        string? reasoning = null;
        List<ResponseToolCall>? calls = null;
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } piece:
                    text += piece.Text;
                    break;
                case TextReasoningContent { Text.Length: > 0 } thought:
                    reasoning += thought.Text;
                    break;
                case FunctionCallContent call:
                    (calls ??= []).Add(ChatCompletionMapper.ToolCall(call, _toolCallIndex++));
                    break;
            }
        }

        return text is null && reasoning is null && calls is null
            ? null
            : new ChatMessageOutput { Content = text, ReasoningContent = reasoning, ToolCalls = calls };
    }

    private string Chunk(ChatMessageOutput delta, string? finishReason) =>
        OpenAIJson.Serialize(new ChatCompletionChunk(id, created, model, [new ChatCompletionChunkChoice(0, delta, finishReason)]));
}
