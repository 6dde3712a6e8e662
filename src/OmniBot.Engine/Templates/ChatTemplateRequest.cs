using System.Text.Json;

namespace OmniBot.Engine.Templates;

/// <summary>What to render: the conversation, the tools, and the template switches.</summary>
public sealed record ChatTemplateRequest
{
    /// <summary>The conversation, oldest first.</summary>
    public required IReadOnlyList<ChatTemplateMessage> Messages { get; init; }

    /// <summary>
    /// Tool definitions in OpenAI's shape (<c>{"type": "function", "function": {"name", "description", "parameters"}}</c>);
    /// null gives the template <c>tools = None</c>, as transformers does when no tools are passed.
    /// </summary>
    public IReadOnlyList<JsonElement>? Tools { get; init; }

    /// <summary>Retrieval documents for templates that read <c>documents</c>; null gives <c>None</c>.</summary>
    public IReadOnlyList<JsonElement>? Documents { get; init; }

    /// <summary>Whether the template should end with the header that starts the assistant's reply.</summary>
    public bool AddGenerationPrompt { get; init; }

    /// <summary>
    /// Extra template variables, such as <c>enable_thinking</c>, <c>date_string</c> or <c>builtin_tools</c> (they may also
    /// override <c>bos_token</c>/<c>eos_token</c>). They are trusted template input, not conversation content.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? AdditionalVariables { get; init; }
}
