using System.Text;
using Microsoft.AspNetCore.Http;
using OmniBot.Api.Ollama.Chat;
using OmniBot.Server.Management;

namespace OmniBot.Api.Ollama.Streaming;

/// <summary>
/// Answers a generation as Ollama does: NDJSON lines ending with a <c>done: true</c> line, or one object when the
/// request said <c>"stream": false</c>. Nothing is sent until the first part is ready, so a request the engine
/// refuses (a schema it cannot enforce, a prompt longer than the context) still gets a plain 4xx; a failure
/// after that ends the stream with an <c>{"error": …}</c> line.
/// </summary>
internal static class OllamaReplyWriter
{
    /// <param name="line">Makes a line from a part; the stats are given for the final line only.</param>
    public static async Task WriteAsync<TLine>(
        HttpContext context,
        IAsyncEnumerable<OllamaReplyPart> reply,
        bool stream,
        OllamaRequestClock clock,
        ServerMetrics metrics,
        Func<OllamaReplyPart, OllamaDoneStats?, TLine> line)
    {
        var cancellationToken = context.RequestAborted;
        var parts = reply.GetAsyncEnumerator(cancellationToken);
        await using (parts.ConfigureAwait(false))
        {
            if (!stream)
            {
                var (whole, end) = await CollectAsync(parts).ConfigureAwait(false);
                await OllamaJson.WriteAsync(context.Response, line(whole, Finish(end, clock, metrics)), cancellationToken).ConfigureAwait(false);
                return;
            }

            var more = await parts.MoveNextAsync().ConfigureAwait(false);
            var writer = new OllamaNdjsonWriter(context.Response);
            try
            {
                var ended = false;
                while (more)
                {
                    var part = parts.Current;
                    if (part.End is { } end)
                    {
                        await writer.WriteAsync(line(part, Finish(end, clock, metrics)), cancellationToken).ConfigureAwait(false);
                        ended = true;
                    }
                    else
                    {
                        await writer.WriteAsync(line(part, null), cancellationToken).ConfigureAwait(false);
                    }

                    more = await parts.MoveNextAsync().ConfigureAwait(false);
                }

                if (!ended)
                {
                    throw new InvalidOperationException("The generation ended without its statistics.");
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                await writer.WriteAsync(new OllamaErrorLine(OllamaErrors.InStreamMessage(exception)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static OllamaDoneStats Finish(OllamaReplyEnd end, OllamaRequestClock clock, ServerMetrics metrics)
    {
        metrics.RecordGeneration(end.Usage, clock.SinceReady);
        return OllamaDoneStats.From(end, clock);
    }

    private static async Task<(OllamaReplyPart Whole, OllamaReplyEnd End)> CollectAsync(IAsyncEnumerator<OllamaReplyPart> parts)
    {
        var content = new StringBuilder();
        var thinking = new StringBuilder();
        var calls = new List<OllamaToolCall>();
        OllamaReplyEnd? end = null;
        while (await parts.MoveNextAsync().ConfigureAwait(false))
        {
            var part = parts.Current;
            content.Append(part.Content);
            thinking.Append(part.Thinking);
            calls.AddRange(part.ToolCalls ?? []);
            end ??= part.End;
        }

        var whole = new OllamaReplyPart(content.ToString(), thinking.Length > 0 ? thinking.ToString() : null, calls.Count > 0 ? calls : null);
        return (whole, end ?? throw new InvalidOperationException("The generation ended without its statistics."));
    }
}
