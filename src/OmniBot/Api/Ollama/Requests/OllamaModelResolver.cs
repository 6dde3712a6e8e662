using Microsoft.AspNetCore.Http;
using OmniBot.Engine.Hosting;
using OmniBot.Engine.Loading;
using OmniBot.Models.Store;
using OmniBot.Server.Models;

namespace OmniBot.Api.Ollama.Requests;

/// <summary>Finds the store model a request names, with Ollama's errors for a missing or malformed name.</summary>
internal static class OllamaModelResolver
{
    /// <exception cref="OllamaApiException">No name (400), a malformed one (400), or no such model (404).</exception>
    public static ModelManifest Find(ModelStore store, string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw OllamaApiException.BadRequest("model is required: name a model from /api/tags, such as {\"model\": \"qwen2.5:0.5b\"}.");
        }

        if (!ModelRef.TryParse(model.Trim(), out var name))
        {
            throw new OllamaApiException(StatusCodes.Status400BadRequest, $"'{model}' is not a valid model name: use letters, digits, '.', '_' and '-', as in 'qwen2.5:0.5b'.");
        }

        return store.Find(name) ?? throw OllamaApiException.ModelNotFound(model.Trim());
    }

    /// <summary>
    /// The model to host. A <c>num_ctx</c> above the model's trained length is lowered to it, as Ollama does; the
    /// server's own context size means the shared default instance.
    /// </summary>
    public static ModelSpec Resolve(ServedModels models, ModelHost host, string? model, int? contextSize)
    {
        var manifest = Find(models.Store, model);
        if (contextSize is { } requested)
        {
            var trained = manifest.Facts.ContextLength is > 0 and <= int.MaxValue and var length ? (int)length : requested;
            requested = Math.Min(requested, trained);
            var serverDefault = host.Options.Scheduler.ContextSize ?? ModelLoadOptions.DefaultContextSize;
            contextSize = requested == serverDefault ? null : requested;
        }

        return models.Resolve(manifest.Ref.ToString(), contextSize);
    }
}
