namespace OmniBot.Api.Ollama.Embed;

/// <summary>The answer of the older <c>POST /api/embeddings</c>: one vector (empty for an empty prompt).</summary>
public sealed record OllamaEmbeddingsResponse(float[] Embedding);
