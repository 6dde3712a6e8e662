using Microsoft.Extensions.AI;

namespace OmniBot.Api.Ollama.Streaming;

/// <summary>How a reply ended: why, its token counts, and how long the prompt (and, where known, the reply) took.</summary>
internal sealed record OllamaReplyEnd(string DoneReason, UsageDetails Usage, TimeSpan PromptEvalDuration, TimeSpan? EvalDuration);
