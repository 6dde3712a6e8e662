using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OmniBot.Engine.Sessions;

/// <summary>Per-prompt settings of a <see cref="LlamaChatSession"/>.</summary>
public sealed record PromptOptions
{
    /// <summary>Sampling and limits for this prompt; merged over the session's defaults.</summary>
    public ChatOptions? ChatOptions { get; init; }

    /// <summary>A JSON Schema the reply must follow (the reply is then JSON valid against it).</summary>
    public JsonElement? Schema { get; init; }

    /// <summary>Called with each piece of text as it streams, for callers that prefer a callback.</summary>
    public Action<string>? OnToken { get; init; }
}
