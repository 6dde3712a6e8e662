namespace OmniBot.Api.Ollama.Streaming;

/// <summary>A failure reported inside a stream that had already started: <c>{"error": "…"}</c>, the stream's last line.</summary>
internal sealed record OllamaErrorLine(string Error);
