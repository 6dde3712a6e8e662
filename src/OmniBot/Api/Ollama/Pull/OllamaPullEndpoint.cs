using Microsoft.AspNetCore.Http;
using OmniBot.Api.Ollama.Streaming;
using OmniBot.Models.Catalog;
using OmniBot.Models.Downloads;
using OmniBot.Models.Store;
using OmniBot.Server.Pulls;

namespace OmniBot.Api.Ollama.Pull;

/// <summary>
/// <c>POST /api/pull</c> on the server's <see cref="ModelPullService"/>, so the web UI sees the same job and a pull
/// already running is joined. The pull goes on if the client leaves; pulling the same source again follows it.
/// </summary>
internal static class OllamaPullEndpoint
{
    private const string HuggingFaceHost = "hf.co/";
    private const string HuggingFaceLongHost = "huggingface.co/";

    public static Task HandleAsync(HttpContext context, ModelPullService pulls, ModelStore store) =>
        OllamaErrors.RunAsync(context, async () =>
        {
            var cancellationToken = context.RequestAborted;
            var request = await OllamaJson.ReadAsync<OllamaPullRequest>(context.Request, cancellationToken).ConfigureAwait(false);
            var source = Source(request.Source, store);
            var stream = request.Stream ?? true;
            if (source is null)
            {
                // Already in the store and known nowhere else: there is nothing newer to fetch.
                await FinishAsync(context, stream, [new OllamaPullStatus("pulling manifest"), new OllamaPullStatus("success")]).ConfigureAwait(false);
                return;
            }

            var job = pulls.Start(source);
            if (!stream)
            {
                await job.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                var end = job.Snapshot;
                if (end.State != PullState.Succeeded)
                {
                    throw new OllamaApiException(StatusCodes.Status502BadGateway, $"pulling '{source}' failed: {end.Error}");
                }

                await OllamaJson.WriteAsync(context.Response, new OllamaPullStatus("success"), cancellationToken).ConfigureAwait(false);
                return;
            }

            var writer = new OllamaNdjsonWriter(context.Response);
            await writer.WriteAsync(new OllamaPullStatus("pulling manifest"), cancellationToken).ConfigureAwait(false);
            await foreach (var snapshot in job.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                if (snapshot.Progress is { } progress)
                {
                    var status = new OllamaPullStatus($"pulling {progress.Label}") { Digest = progress.Label, Total = progress.TotalBytes, Completed = progress.BytesDone };
                    await writer.WriteAsync(status, cancellationToken).ConfigureAwait(false);
                }

                switch (snapshot.State)
                {
                    case PullState.Succeeded:
                        foreach (var step in Finished)
                        {
                            await writer.WriteAsync(step, cancellationToken).ConfigureAwait(false);
                        }

                        return;
                    case PullState.Failed or PullState.Cancelled:
                        await writer.WriteAsync(new OllamaErrorLine($"pulling '{source}' failed: {snapshot.Error}"), cancellationToken).ConfigureAwait(false);
                        return;
                }
            }
        });

    private static OllamaPullStatus[] Finished => [new("verifying sha256 digest"), new("writing manifest"), new("success")];

    /// <summary>
    /// What to pull: an hf: source or http(s) URL as given, Ollama's hf.co/OWNER/REPO[:QUANT] as an hf: source, or a
    /// catalog name; null for a model the store has that no catalog entry names.
    /// </summary>
    /// <exception cref="OllamaApiException">No name (400), a local path (400), or a name found nowhere (404).</exception>
    private static string? Source(string? requested, ModelStore store)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            throw OllamaApiException.BadRequest("model is required: a catalog name such as 'qwen2.5:0.5b', an hf: source such as 'hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M', or an https URL of a .gguf file.");
        }

        var text = requested.Trim();
        foreach (var host in new[] { HuggingFaceHost, HuggingFaceLongHost })
        {
            if (text.StartsWith(host, StringComparison.OrdinalIgnoreCase))
            {
                return ModelSource.HuggingFacePrefix + text[host.Length..];
            }
        }

        if (text.StartsWith(ModelSource.HuggingFacePrefix, StringComparison.OrdinalIgnoreCase)
            || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            return text;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out _) || text.Contains('/', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal))
        {
            throw OllamaApiException.BadRequest($"'{text}' is not something the API pulls: give a catalog name, an hf: source or an http(s) URL. Add local files with 'omnibot import'.");
        }

        if (!ModelRef.TryParse(text, out var name))
        {
            throw OllamaApiException.BadRequest($"'{text}' is not a valid model name: use letters, digits, '.', '_' and '-', as in 'qwen2.5:0.5b'.");
        }

        if (ModelCatalog.Find(name) is not null)
        {
            return text;
        }

        return store.Find(name) is not null
            ? null
            : throw new OllamaApiException(StatusCodes.Status404NotFound, $"model '{text}' not found: it is not in the catalog ({string.Join(", ", ModelCatalog.Entries.Select(entry => entry.Name))}). Pull an hf: source or an https URL of a .gguf file instead.");
    }

    private static async Task FinishAsync(HttpContext context, bool stream, OllamaPullStatus[] steps)
    {
        if (!stream)
        {
            await OllamaJson.WriteAsync(context.Response, steps[^1], context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var writer = new OllamaNdjsonWriter(context.Response);
        foreach (var step in steps)
        {
            await writer.WriteAsync(step, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
