namespace OmniBot.Api.Ollama.Models;

/// <summary>The body of <c>POST /api/copy</c>.</summary>
public sealed record OllamaCopyRequest(string? Source, string? Destination);
