namespace OmniBot.Api.OpenAI.Rerank;

/// <summary>One document's position in the request and its score; higher is more relevant.</summary>
public sealed record RerankResultItem(int Index, double RelevanceScore, RerankDocument? Document = null);
