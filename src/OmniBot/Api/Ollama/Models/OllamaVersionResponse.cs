namespace OmniBot.Api.Ollama.Models;

/// <summary>The answer of <c>GET /api/version</c>.</summary>
public sealed record OllamaVersionResponse(string Version);
