namespace OmniBot.Engine.Embeddings;

/// <summary>The relevance of one document to the query; higher is more relevant.</summary>
/// <param name="Index">The document's position in the input.</param>
public readonly record struct RerankScore(int Index, float Score);
