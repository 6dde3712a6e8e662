namespace OmniBot.Api.Ollama.Models;

/// <summary>The answer of <c>GET /api/tags</c>.</summary>
public sealed record OllamaTagsResponse(IReadOnlyList<OllamaModelEntry> Models);
