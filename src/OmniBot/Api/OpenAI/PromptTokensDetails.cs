namespace OmniBot.Api.OpenAI;

/// <summary><c>usage.prompt_tokens_details</c>: prompt tokens taken from the prefix cache instead of evaluated.</summary>
public sealed record PromptTokensDetails(int CachedTokens);
