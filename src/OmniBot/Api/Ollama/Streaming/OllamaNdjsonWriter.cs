using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OmniBot.Api.Ollama.Streaming;

/// <summary>Writes a streamed answer as Ollama does: one JSON object per line (NDJSON), each flushed at once.</summary>
internal sealed class OllamaNdjsonWriter(HttpResponse response)
{
    public const string ContentType = "application/x-ndjson";

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public async Task WriteAsync<T>(T line, CancellationToken cancellationToken)
    {
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
        }

        await JsonSerializer.SerializeAsync(response.Body, line, OllamaJson.Options, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
