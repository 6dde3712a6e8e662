using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using OmniBot.Api.OpenAI.Chat;
using OmniBot.Api.OpenAI.Completions;
using OmniBot.Api.OpenAI.Embeddings;
using OmniBot.Api.OpenAI.Models;
using OmniBot.Api.OpenAI.Rerank;

namespace OmniBot.Api.OpenAI;

/// <summary>
/// The OpenAI-compatible API under <c>/v1</c>, as OpenAI's SDKs and llama.cpp's server clients call it: chat and text
/// completions (streamed as server-sent events), embeddings, rerank and the model list. Errors use OpenAI's envelope.
/// </summary>
public static class OpenAIEndpoints
{
    public static IEndpointRouteBuilder MapOpenAIEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/v1");
        v1.MapPost("/chat/completions", ChatCompletionEndpoint.HandleAsync);
        v1.MapPost("/completions", CompletionEndpoint.HandleAsync);
        v1.MapPost("/embeddings", EmbeddingEndpoint.HandleAsync);
        v1.MapPost("/rerank", RerankEndpoint.HandleAsync);
        v1.MapPost("/reranking", RerankEndpoint.HandleAsync);
        v1.MapGet("/models", ModelsEndpoint.List);
        v1.MapGet("/models/{**id}", ModelsEndpoint.Get);

        // llama.cpp's server also answers rerank at the root.
        endpoints.MapPost("/rerank", RerankEndpoint.HandleAsync);
        return endpoints;
    }
}
