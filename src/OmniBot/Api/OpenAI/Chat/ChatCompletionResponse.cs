namespace OmniBot.Api.OpenAI.Chat;

/// <summary>A non-streamed chat completion (<c>object: chat.completion</c>).</summary>
public sealed record ChatCompletionResponse(string Id, long Created, string Model, IReadOnlyList<ChatCompletionChoice> Choices, CompletionUsage Usage)
{
    public string Object => "chat.completion";
}
