using System.Text.Json.Serialization;

namespace OmniBot.Api.OpenAI.Chat;

/// <summary>The delta of a chunk; <see cref="FinishReason"/> is written as null until the last content chunk, as OpenAI does.</summary>
public sealed record ChatCompletionChunkChoice(
    int Index,
    ChatMessageOutput Delta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason);
