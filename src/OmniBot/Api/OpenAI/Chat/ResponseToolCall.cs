namespace OmniBot.Api.OpenAI.Chat;

/// <summary>A tool call the model made; <see cref="Index"/> is set in streamed deltas only.</summary>
public sealed record ResponseToolCall(int? Index, string Id, ResponseFunctionCall Function)
{
    public string Type => "function";
}
