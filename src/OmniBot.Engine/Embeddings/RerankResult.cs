namespace OmniBot.Engine.Embeddings;

/// <summary>A reranker's scores for a query and its documents.</summary>
/// <param name="Scores">One score per document, in input order.</param>
/// <param name="Ranked">The same scores, most relevant first (ties keep input order).</param>
/// <param name="InputTokenCount">Tokens evaluated for all (query, document) pairs.</param>
public sealed record RerankResult(IReadOnlyList<RerankScore> Scores, IReadOnlyList<RerankScore> Ranked, long InputTokenCount);
