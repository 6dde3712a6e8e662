namespace OmniBot.Api.OpenAI.Rerank;

/// <summary>A returned document, when the request asked for <c>return_documents</c>.</summary>
public sealed record RerankDocument(string Text);
