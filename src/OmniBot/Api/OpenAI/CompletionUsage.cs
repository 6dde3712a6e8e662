using Microsoft.Extensions.AI;
using OmniBot.Engine.Inference;

namespace OmniBot.Api.OpenAI;

/// <summary>The <c>usage</c> object of chat and text completions.</summary>
public sealed record CompletionUsage(int PromptTokens, int CompletionTokens, int TotalTokens, PromptTokensDetails? PromptTokensDetails = null)
{
    public static CompletionUsage From(UsageDetails? usage)
    {
        var prompt = (int)(usage?.InputTokenCount ?? 0);
        var completion = (int)(usage?.OutputTokenCount ?? 0);
        return new CompletionUsage(prompt, completion, prompt + completion, new PromptTokensDetails((int)(usage?.CachedInputTokenCount ?? 0)));
    }

    public static CompletionUsage From(GenerationStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return new CompletionUsage(stats.PromptTokens, stats.CompletionTokens, stats.PromptTokens + stats.CompletionTokens, new PromptTokensDetails(stats.PromptTokensReused));
    }

    /// <summary>The usage as <see cref="Server.Management.ServerMetrics"/> records it.</summary>
    public UsageDetails ToUsageDetails() => new()
    {
        InputTokenCount = PromptTokens,
        OutputTokenCount = CompletionTokens,
        TotalTokenCount = TotalTokens,
        CachedInputTokenCount = PromptTokensDetails?.CachedTokens,
    };
}
