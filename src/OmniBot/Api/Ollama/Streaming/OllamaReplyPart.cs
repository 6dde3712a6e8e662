using OmniBot.Api.Ollama.Chat;

namespace OmniBot.Api.Ollama.Streaming;

/// <summary>A piece of a reply in Ollama's terms (answer text, thinking, tool calls), or its end.</summary>
internal sealed record OllamaReplyPart(string Content, string? Thinking = null, IReadOnlyList<OllamaToolCall>? ToolCalls = null, OllamaReplyEnd? End = null);
