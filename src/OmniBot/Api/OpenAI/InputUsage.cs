namespace OmniBot.Api.OpenAI;

/// <summary>The <c>usage</c> of embeddings and rerank: tokens evaluated for all inputs (there is no completion).</summary>
public sealed record InputUsage(int PromptTokens, int TotalTokens)
{
    public static InputUsage Of(long tokens) => new((int)tokens, (int)tokens);
}
