using System.Globalization;
using System.Text;
using OmniBot.Engine.Benchmarks;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Sampling;

namespace OmniBot.Bench;

/// <summary>
/// The prompt caches where a user feels them: four slots sharing a long system prompt (slots 2–4 copy it from
/// slot 1 instead of evaluating it), and a restart that finds the prompt in the persistent cache on disk.
/// </summary>
internal static class CacheBenchmark
{
    private const int SystemPromptSentences = 34;

    public static async Task<string> RunAsync(string modelPath, int runs, int threads)
    {
        using var model = await LlamaModel.LoadAsync(modelPath, new ModelLoadOptions { ContextSize = 4 * 2048, Threads = threads });
        var systemPrompt = SystemPrompt();
        var first = new List<double>();
        var others = new List<double>();
        var cold = new List<double>();
        var restarted = new List<double>();
        var promptTokens = 0;
        var sharedTokens = 0;
        var restoredTokens = 0;
        for (var run = 0; run < runs; run++)
        {
            await using (var scheduler = new InferenceScheduler(model, new SchedulerOptions { Slots = 4, ContextSize = 2048, Threads = threads }))
            {
                var slot1 = await FirstTokenAsync(scheduler, systemPrompt, "What is the first rule?", null);
                first.Add(slot1.TimeToFirstToken.TotalMilliseconds);
                promptTokens = slot1.PromptTokens;
                // Each of the next requests goes to an idle slot of its own (distinct affinity keys).
                for (var slot = 2; slot <= 4; slot++)
                {
                    var stats = await FirstTokenAsync(scheduler, systemPrompt, $"What is rule number {slot}?", $"user-{slot}");
                    others.Add(stats.TimeToFirstToken.TotalMilliseconds);
                    sharedTokens = stats.PromptTokensReused;
                }
            }

            var cacheDirectory = Directory.CreateTempSubdirectory("omnibot-bench-cache-").FullName;
            try
            {
                var options = new SchedulerOptions { Slots = 1, ContextSize = 2048, Threads = threads, PromptCacheDirectory = cacheDirectory, PromptCacheMinTokens = 256 };
                await using (var before = new InferenceScheduler(model, options))
                {
                    cold.Add((await FirstTokenAsync(before, systemPrompt, "What is the first rule?", null)).TimeToFirstToken.TotalMilliseconds);
                }

                await using var after = new InferenceScheduler(model, options);
                var restart = await FirstTokenAsync(after, systemPrompt, "What is the last rule?", null);
                restarted.Add(restart.TimeToFirstToken.TotalMilliseconds);
                restoredTokens = restart.PromptTokensReused;
            }
            finally
            {
                Directory.Delete(cacheDirectory, recursive: true);
            }
        }

        var c = CultureInfo.InvariantCulture;
        var firstMs = BenchmarkStatistics.Median(first);
        var othersMs = BenchmarkStatistics.Median(others);
        var coldMs = BenchmarkStatistics.Median(cold);
        var restartMs = BenchmarkStatistics.Median(restarted);
        var report = new StringBuilder();
        report.AppendLine(c, $"# Prompt caches: {Path.GetFileName(modelPath)}");
        report.AppendLine();
        report.AppendLine(c, $"{threads} threads; a system prompt of about 1,000 tokens ({promptTokens} with the question); medians of {runs} runs.");
        report.AppendLine();
        report.AppendLine("| measure | time to first token (ms) | ratio | target |");
        report.AppendLine("| --- | ---: | ---: | --- |");
        report.AppendLine(c, $"| 4 slots: slot 1 (evaluates the system prompt) | {firstMs:F0} | 1.00 | |");
        report.AppendLine(c, $"| 4 slots: slots 2–4 (copy it, {sharedTokens} tokens shared) | {othersMs:F0} | {othersMs / firstMs:F3} | ≤ 0.15 |");
        report.AppendLine(c, $"| first turn, cold start | {coldMs:F0} | 1.00 | |");
        report.AppendLine(c, $"| first turn after a restart, persistent cache ({restoredTokens} tokens restored) | {restartMs:F0} | {restartMs / coldMs:F3} | ≤ 0.20 |");
        return report.ToString();
    }

    private static async Task<GenerationStats> FirstTokenAsync(InferenceScheduler scheduler, string systemPrompt, string question, string? affinity)
    {
        var prompt = $"<|im_start|>system\n{systemPrompt}<|im_end|>\n<|im_start|>user\n{question}<|im_end|>\n<|im_start|>assistant\n";
        var options = new GenerationOptions { MaxTokens = 1, Sampling = SamplingOptions.Greedy, SlotAffinityKey = affinity };
        GenerationStats? stats = null;
        await foreach (var update in scheduler.GenerateAsync([PromptSegment.Template(prompt)], options))
        {
            stats ??= update.Stats;
        }

        return stats!;
    }

    private static string SystemPrompt()
    {
        var text = new StringBuilder("You are a careful assistant. Follow these house rules in every answer.\n");
        for (var rule = 1; rule <= SystemPromptSentences; rule++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Rule {rule}: keep answers short, cite the rule you follow, and never invent facts.\n");
        }

        return text.ToString();
    }
}
