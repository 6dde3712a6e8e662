using System.Text;
using OmniBot.Engine.Inference;

namespace OmniBot.Engine.Tests.Inference;

internal static class Generation
{
    public static async Task<(string Text, GenerationStats Stats)> CollectAsync(IAsyncEnumerable<GenerationUpdate> updates)
    {
        var text = new StringBuilder();
        GenerationStats? stats = null;
        await foreach (var update in updates)
        {
            text.Append(update.Text);
            stats ??= update.Stats;
        }

        return (text.ToString(), stats ?? throw new InvalidOperationException("The stream ended without statistics."));
    }

    public static IReadOnlyList<PromptSegment> Prompt(string text) => [PromptSegment.Template(text)];

    public static GenerationOptions Greedy(int maxTokens) => new()
    {
        Sampling = OmniBot.Engine.Sampling.SamplingOptions.Greedy,
        MaxTokens = maxTokens,
    };
}
