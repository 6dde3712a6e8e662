using System.Text.Json.Serialization;

namespace OmniBot.Api.OpenAI.Completions;

/// <summary>The continuation (or a streamed piece of it) and, at the end, why it stopped.</summary>
public sealed record CompletionChoice(
    string Text,
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason);
