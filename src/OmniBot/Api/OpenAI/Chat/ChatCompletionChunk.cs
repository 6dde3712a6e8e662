namespace OmniBot.Api.OpenAI.Chat;

/// <summary>One streamed event of a chat completion (<c>object: chat.completion.chunk</c>); the usage chunk has no choices.</summary>
public sealed record ChatCompletionChunk(string Id, long Created, string Model, IReadOnlyList<ChatCompletionChunkChoice> Choices, CompletionUsage? Usage = null)
{
    public string Object => "chat.completion.chunk";
}
