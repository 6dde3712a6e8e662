using System.Text;

namespace OmniBot.Engine.Inference;

/// <summary>
/// Plain text completion without a chat template: the prompt is taken as written, special tokens
/// such as <c>&lt;|im_start|&gt;</c> included.
/// </summary>
public static class RawCompletionExtensions
{
    public static IAsyncEnumerable<GenerationUpdate> CompleteStreamingAsync(
        this InferenceScheduler scheduler,
        string prompt,
        GenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(prompt);
        return scheduler.GenerateAsync([PromptSegment.Template(prompt)], options ?? new GenerationOptions(), cancellationToken);
    }

    public static async Task<CompletionResult> CompleteAsync(
        this InferenceScheduler scheduler,
        string prompt,
        GenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        GenerationStats? stats = null;
        await foreach (var update in scheduler.CompleteStreamingAsync(prompt, options, cancellationToken).ConfigureAwait(false))
        {
            text.Append(update.Text);
            stats ??= update.Stats;
        }

        return new CompletionResult(text.ToString(), stats ?? throw new InvalidOperationException("The generation ended without statistics."));
    }
}
