namespace OmniBot.Api.OpenAI.Completions;

/// <summary>A text completion, whole or as one streamed chunk (<c>object: text_completion</c> either way, as OpenAI writes it).</summary>
public sealed record CompletionResponse(string Id, long Created, string Model, IReadOnlyList<CompletionChoice> Choices, CompletionUsage? Usage = null)
{
    public string Object => "text_completion";
}
