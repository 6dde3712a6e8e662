using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OmniBot.Api.Ollama.Requests;

/// <summary>
/// A request's <c>think</c>: true or false turns a reasoning model's thinking on or off (the template's
/// <c>enable_thinking</c>); "high", "medium" or "low" turn it on with that effort (the template's <c>reasoning_effort</c>).
/// </summary>
internal sealed record OllamaThink(bool Enabled, string? Effort)
{
    /// <exception cref="OllamaApiException">Not a boolean or an effort level.</exception>
    public static OllamaThink? Parse(JsonElement? think) => think switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.True } => new OllamaThink(true, null),
        { ValueKind: JsonValueKind.False } => new OllamaThink(false, null),
        { ValueKind: JsonValueKind.String } text when text.GetString() is "high" or "medium" or "low" => new OllamaThink(true, text.GetString()),
        { } other => throw OllamaApiException.BadRequest($"think must be true, false, \"high\", \"medium\" or \"low\", not {other.GetRawText()}."),
    };

    public void ApplyTo(ChatOptions options)
    {
        options.AdditionalProperties ??= [];
        options.AdditionalProperties["enable_thinking"] = Enabled;
        if (Effort is not null)
        {
            options.AdditionalProperties["chat_template_kwargs"] = new Dictionary<string, object?> { ["reasoning_effort"] = Effort };
        }
    }
}
