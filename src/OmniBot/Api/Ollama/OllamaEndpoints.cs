using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using OmniBot.Api.Ollama.Chat;
using OmniBot.Api.Ollama.Embed;
using OmniBot.Api.Ollama.Generate;
using OmniBot.Api.Ollama.Models;
using OmniBot.Api.Ollama.Pull;

namespace OmniBot.Api.Ollama;

/// <summary>
/// The Ollama-compatible API under <c>/api</c>, so Ollama's clients work unchanged: chat, generate, embed, the model
/// store (tags, show, pull, delete, copy), the loaded models (ps) and the version. Errors are <c>{"error": "…"}</c>.
/// </summary>
public static class OllamaEndpoints
{
    public static IEndpointRouteBuilder MapOllamaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapPost("/chat", OllamaChatEndpoint.HandleAsync);
        api.MapPost("/generate", OllamaGenerateEndpoint.HandleAsync);
        api.MapPost("/embed", OllamaEmbedEndpoints.EmbedAsync);
        api.MapPost("/embeddings", OllamaEmbedEndpoints.EmbeddingsAsync);
        api.MapGet("/tags", OllamaModelEndpoints.Tags);
        api.MapPost("/show", OllamaModelEndpoints.ShowAsync);
        api.MapGet("/ps", OllamaModelEndpoints.Ps);
        api.MapPost("/pull", OllamaPullEndpoint.HandleAsync);
        api.MapDelete("/delete", OllamaModelEndpoints.DeleteAsync);
        api.MapPost("/copy", OllamaModelEndpoints.CopyAsync);
        api.MapGet("/version", OllamaModelEndpoints.Version);
        return endpoints;
    }
}
