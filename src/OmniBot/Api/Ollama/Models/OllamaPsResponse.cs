namespace OmniBot.Api.Ollama.Models;

/// <summary>The answer of <c>GET /api/ps</c>.</summary>
public sealed record OllamaPsResponse(IReadOnlyList<OllamaRunningModel> Models);
