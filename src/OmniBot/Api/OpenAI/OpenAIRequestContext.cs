using Microsoft.AspNetCore.Http;
using OmniBot.Engine.Hosting;
using OmniBot.Server.Models;

namespace OmniBot.Api.OpenAI;

/// <summary>What every generating endpoint does first: name the model, lease it for the rest of the request.</summary>
internal static class OpenAIRequestContext
{
    /// <exception cref="InvalidRequestException">The request names no model.</exception>
    public static string RequireModel(string? model) => string.IsNullOrWhiteSpace(model)
        ? throw new InvalidRequestException("model is missing: name a model from GET /v1/models, such as \"qwen2.5:0.5b\".", "model")
        : model;

    /// <summary>
    /// Leases the named model until the request ends (the lease is disposed with the response even when a stream
    /// never starts); a client that leaves while the model loads stops the wait.
    /// </summary>
    public static async Task<ModelLease> LeaseAsync(HttpContext context, ServedModels models, ModelHost host, string model)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(host);
        var spec = models.Resolve(model);
        var lease = await host.AcquireAsync(spec, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        context.Response.RegisterForDisposeAsync(lease);
        return lease;
    }

    public static long UnixSeconds(TimeProvider time) => time.GetUtcNow().ToUnixTimeSeconds();

    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N");
}
