using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OmniBot.Api.Ollama.Requests;
using OmniBot.Engine.Hosting;
using OmniBot.Models.Gguf;
using OmniBot.Models.Store;
using OmniBot.Server.Models;

namespace OmniBot.Api.Ollama.Models;

/// <summary>The store and the loaded models: tags, show, ps, delete, copy and version.</summary>
internal static class OllamaModelEndpoints
{
    public static JsonHttpResult<OllamaTagsResponse> Tags(ServedModels models) =>
        TypedResults.Json(new OllamaTagsResponse([.. models.List().Select(OllamaModelEntry.From)]), OllamaJson.Options);

    public static JsonHttpResult<OllamaPsResponse> Ps(ModelHost host, ModelStore store, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var keepAlive = host.Options.KeepAlive;
        var running = host.Loaded.Select(status =>
        {
            var manifest = ModelRef.TryParse(status.Id, out var name) ? store.Find(name) : null;
            var expires = status.ExpiresAt
                ?? (status.ActiveRequests > 0 && keepAlive >= TimeSpan.Zero ? now + keepAlive : DateTimeOffset.MaxValue);
            return new OllamaRunningModel
            {
                Name = status.Id,
                Model = status.Id,
                Size = Math.Max(status.SizeInBytes, status.EstimatedRamBytes + status.EstimatedGpuBytes),
                Digest = manifest is null ? string.Empty : BlobDigest.Hex(manifest.Digest),
                Details = manifest is null
                    ? new OllamaModelDetails { Family = string.Empty, Families = [], ParameterSize = string.Empty, QuantizationLevel = string.Empty }
                    : OllamaModelDetails.From(manifest.Facts),
                ExpiresAt = expires,
                SizeVram = status.EstimatedGpuBytes,
                ContextLength = status.ContextSize,
            };
        });
        return TypedResults.Json(new OllamaPsResponse([.. running]), OllamaJson.Options);
    }

    public static JsonHttpResult<OllamaVersionResponse> Version()
    {
        var version = typeof(OllamaModelEndpoints).Assembly.GetName().Version ?? new Version(0, 0, 0);
        return TypedResults.Json(new OllamaVersionResponse($"{version.Major}.{version.Minor}.{Math.Max(0, version.Build)}"), OllamaJson.Options);
    }

    public static Task ShowAsync(HttpContext context, ModelStore store, ModelHost host) =>
        OllamaErrors.RunAsync(context, async () =>
        {
            var request = await OllamaJson.ReadAsync<OllamaModelRequest>(context.Request, context.RequestAborted).ConfigureAwait(false);
            var manifest = OllamaModelResolver.Find(store, request.ModelName);
            var info = GgufModelInfo.Read(store.GetModelPath(manifest.Ref));
            var response = OllamaModelDescription.Describe(manifest, info, host.Options, request.Verbose == true);
            await OllamaJson.WriteAsync(context.Response, response, context.RequestAborted).ConfigureAwait(false);
        });

    public static Task DeleteAsync(HttpContext context, ModelStore store, ModelHost host) =>
        OllamaErrors.RunAsync(context, async () =>
        {
            var request = await OllamaJson.ReadAsync<OllamaModelRequest>(context.Request, context.RequestAborted).ConfigureAwait(false);
            var manifest = OllamaModelResolver.Find(store, request.ModelName);
            host.Unload(manifest.Ref.ToString());
            await store.RemoveAsync(manifest.Ref, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });

    public static Task CopyAsync(HttpContext context, ModelStore store) =>
        OllamaErrors.RunAsync(context, async () =>
        {
            var request = await OllamaJson.ReadAsync<OllamaCopyRequest>(context.Request, context.RequestAborted).ConfigureAwait(false);
            var source = OllamaModelResolver.Find(store, request.Source);
            if (string.IsNullOrWhiteSpace(request.Destination) || !ModelRef.TryParse(request.Destination.Trim(), out var destination))
            {
                throw OllamaApiException.BadRequest($"destination must be a model name such as 'my-model:v1' (letters, digits, '.', '_' and '-'), not '{request.Destination}'.");
            }

            await store.CopyAsync(source.Ref, destination, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
}
