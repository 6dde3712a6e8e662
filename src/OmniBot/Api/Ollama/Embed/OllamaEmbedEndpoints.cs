using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using OmniBot.Api.Ollama.Requests;
using OmniBot.Api.Ollama.Streaming;
using OmniBot.Engine.Embeddings;
using OmniBot.Engine.Hosting;
using OmniBot.Server.Models;

namespace OmniBot.Api.Ollama.Embed;

/// <summary><c>POST /api/embed</c> (many inputs) and the older <c>POST /api/embeddings</c> (one prompt).</summary>
internal static class OllamaEmbedEndpoints
{
    public static Task EmbedAsync(HttpContext context, ServedModels models, ModelHost host, TimeProvider time) =>
        OllamaErrors.RunAsync(context, async () =>
        {
            var clock = new OllamaRequestClock(time);
            var cancellationToken = context.RequestAborted;
            var request = await OllamaJson.ReadAsync<OllamaEmbedRequest>(context.Request, cancellationToken).ConfigureAwait(false);
            var inputs = Inputs(request.Input);
            OllamaModelOptions.Parse(request.Options);
            var keepAlive = OllamaKeepAlive.Parse(request.KeepAlive);
            var spec = OllamaModelResolver.Resolve(models, host, request.Model, null);
            var lease = await host.AcquireAsync(spec, keepAlive, cancellationToken).ConfigureAwait(false);
            await using (lease.ConfigureAwait(false))
            {
                clock.ModelReady();
                var generator = lease.Embeddings;
                if (request.Dimensions is { } dimensions && dimensions != generator.Dimensions)
                {
                    throw OllamaApiException.BadRequest($"dimensions {dimensions} is not available: {spec.Id} gives {generator.Dimensions}-dimensional embeddings. Leave dimensions out or set it to {generator.Dimensions}.");
                }

                var embeddings = inputs.Count == 0 ? null : await generator.GenerateAsync(inputs, Options(request.Truncate ?? true), cancellationToken).ConfigureAwait(false);
                var response = new OllamaEmbedResponse
                {
                    Model = request.Model!.Trim(),
                    Embeddings = embeddings?.Select(embedding => embedding.Vector.ToArray()).ToArray() ?? [],
                    TotalDuration = OllamaDoneStats.Nanoseconds(clock.Total),
                    LoadDuration = OllamaDoneStats.Nanoseconds(clock.LoadDuration),
                    PromptEvalCount = (int)(embeddings?.Usage?.InputTokenCount ?? 0),
                };
                await OllamaJson.WriteAsync(context.Response, response, cancellationToken).ConfigureAwait(false);
            }
        });

    public static Task EmbeddingsAsync(HttpContext context, ServedModels models, ModelHost host) =>
        OllamaErrors.RunAsync(context, async () =>
        {
            var cancellationToken = context.RequestAborted;
            var request = await OllamaJson.ReadAsync<OllamaEmbeddingsRequest>(context.Request, cancellationToken).ConfigureAwait(false);
            OllamaModelOptions.Parse(request.Options);
            var keepAlive = OllamaKeepAlive.Parse(request.KeepAlive);
            var spec = OllamaModelResolver.Resolve(models, host, request.Model, null);
            var lease = await host.AcquireAsync(spec, keepAlive, cancellationToken).ConfigureAwait(false);
            await using (lease.ConfigureAwait(false))
            {
                var generator = lease.Embeddings;
                float[] vector = [];
                if (!string.IsNullOrEmpty(request.Prompt))
                {
                    var embeddings = await generator.GenerateAsync([request.Prompt], Options(truncate: true), cancellationToken).ConfigureAwait(false);
                    vector = embeddings[0].Vector.ToArray();
                }

                await OllamaJson.WriteAsync(context.Response, new OllamaEmbeddingsResponse(vector), cancellationToken).ConfigureAwait(false);
            }
        });

    private static EmbeddingGenerationOptions Options(bool truncate) => new()
    {
        AdditionalProperties = new AdditionalPropertiesDictionary { [LlamaEmbeddingGeneratorOptions.TruncatePropertyName] = truncate },
    };

    private static List<string> Inputs(JsonElement? input) => input switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => [],
        { ValueKind: JsonValueKind.String } text => [text.GetString()!],
        { ValueKind: JsonValueKind.Array } list when list.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) =>
            [.. list.EnumerateArray().Select(item => item.GetString()!)],
        { } other => throw OllamaApiException.BadRequest($"input must be a string or an array of strings, not {Shorten(other.GetRawText())}."),
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
