using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OmniBot.Engine.Hosting;
using OmniBot.Server.Models;

namespace OmniBot.Api.OpenAI.Rerank;

/// <summary><c>POST /v1/rerank</c> (also <c>/v1/reranking</c> and <c>/rerank</c>, as llama.cpp's server): documents scored against a query.</summary>
internal static class RerankEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ServedModels models, ModelHost host)
    {
        var cancellationToken = context.RequestAborted;
        var request = await OpenAIRequestReader.ReadAsync<RerankRequest>(context.Request, cancellationToken).ConfigureAwait(false);
        var model = OpenAIRequestContext.RequireModel(request.Model);
        var query = request.Query ?? throw new InvalidRequestException("query is missing: give the text to rank the documents against.", "query");
        var documents = Documents(request.Documents);
        if (request.TopN is < 1)
        {
            throw new InvalidRequestException($"top_n must be at least 1, not {request.TopN}; leave it out to get every document.", "top_n");
        }

        await using var lease = await OpenAIRequestContext.LeaseAsync(context, models, host, model).ConfigureAwait(false);
        var ranking = await lease.Reranker.RankAsync(query, documents, cancellationToken).ConfigureAwait(false);
        var results = ranking.Ranked
            .Take(request.TopN ?? int.MaxValue)
            .Select(score => new RerankResultItem(score.Index, score.Score, request.ReturnDocuments == true ? new RerankDocument(documents[score.Index]) : null))
            .ToList();
        return Results.Json(new RerankResponse(model, results, InputUsage.Of(ranking.InputTokenCount)), OpenAIJson.Options);
    }

    private static List<string> Documents(IReadOnlyList<JsonElement>? documents)
    {
        if (documents is null || documents.Count == 0)
        {
            throw new InvalidRequestException("documents is missing or empty: give the texts to rank as an array of strings.", "documents");
        }

        return documents.Select((document, index) => document switch
        {
            { ValueKind: JsonValueKind.String } text => text.GetString()!,
            { ValueKind: JsonValueKind.Object } item when item.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String => text.GetString()!,
            _ => throw new InvalidRequestException($"documents[{index}] must be a string (or an object with a text), not {OpenAIRequestReader.Describe(document)}.", $"documents[{index}]"),
        }).ToList();
    }
}
