using System.Runtime.CompilerServices;
using OmniBot.Engine.Inference;

namespace OmniBot.Api.OpenAI.Completions;

/// <summary>
/// The server-sent events of one streamed text completion: a chunk per piece of text, a last chunk with the finish
/// reason, the usage chunk when asked for, then <c>[DONE]</c>. Owns the generation and the lease.
/// </summary>
internal sealed class CompletionStream(string id, long created, string model, bool includeUsage)
{
    public async IAsyncEnumerable<string> EventsAsync(
        PrimedAsyncEnumerator<GenerationUpdate> updates,
        string? echo,
        IAsyncDisposable lease,
        Action<GenerationStats> onFinished,
        Func<Exception, string> errorEvent,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            if (!string.IsNullOrEmpty(echo))
            {
                yield return Chunk(echo, null);
            }

            GenerationStats? stats = null;
            while (await updates.MoveNextOrFailAsync().ConfigureAwait(false))
            {
                var update = updates.Current;
                cancellationToken.ThrowIfCancellationRequested();
                stats ??= update.Stats;
                if (update.Text.Length > 0)
                {
                    yield return Chunk(update.Text, null);
                }
            }

            var failure = updates.Failure;
            if (failure is not null || stats is null)
            {
                yield return errorEvent(failure ?? new InvalidOperationException("The generation ended without statistics."));
                yield break;
            }

            onFinished(stats);
            yield return Chunk(string.Empty, CompletionEndpoint.FinishReason(stats.FinishReason));
            if (includeUsage)
            {
                yield return OpenAIJson.Serialize(new CompletionResponse(id, created, model, [], CompletionUsage.From(stats)));
            }

            yield return OpenAIStreamEvents.Done;
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    private string Chunk(string text, string? finishReason) =>
        OpenAIJson.Serialize(new CompletionResponse(id, created, model, [new CompletionChoice(text, 0, finishReason)]));
}
