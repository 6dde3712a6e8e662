using System.Diagnostics;
using System.Globalization;
using System.Text;
using OmniBot.Engine.Benchmarks;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Speculation;

namespace OmniBot.Bench;

/// <summary>
/// Greedy generation on repetitive text with and without speculative decoding (prompt lookup, and a draft
/// model when one is given): generation tokens/s, the ratio, and whether the text is identical.
/// </summary>
internal static class SpeculationBenchmark
{
    private const string Prompt =
        "<|im_start|>user\nRepeat this code with one change: rename total to sum.\n" +
        "int total = 0;\nfor (int i = 0; i < values.Length; i++)\n{\n    total += values[i];\n}\nreturn total;\n" +
        "int total = 0;\nfor (int i = 0; i < values.Length; i++)\n{\n    total += values[i];\n}\nreturn total;<|im_end|>\n<|im_start|>assistant\n";

    private const int MaxDraft = 16;

    public static async Task<string> RunAsync(string modelPath, string? draftPath, int runs, int threads, int tokens)
    {
        using var model = await LlamaModel.LoadAsync(modelPath, new ModelLoadOptions { ContextSize = 2048, Threads = threads });
        using var draft = draftPath is null ? null : await LlamaModel.LoadAsync(draftPath, new ModelLoadOptions { ContextSize = 2048, Threads = threads });
        var lookup = SpeculationOptions.PromptLookup with { MaxDraftTokens = MaxDraft };
        var modes = new List<(string Name, SpeculationOptions Speculation)>
        {
            ("plain", SpeculationOptions.None),
            ($"prompt lookup, K<={MaxDraft}, adaptive length", lookup),
            ("prompt lookup, always K=8", lookup with { MaxDraftTokens = 8, AdaptiveLength = false }),
        };
        if (draft is not null)
        {
            modes.Add(($"draft model, K<={MaxDraft}, adaptive length", new SpeculationOptions { Mode = SpeculationMode.DraftModel, MaxDraftTokens = MaxDraft }));
        }

        var speeds = modes.ToDictionary(mode => mode.Name, _ => new List<double>());
        var texts = new Dictionary<string, string>();
        var acceptance = new Dictionary<string, (int Drafted, int Accepted)>();
        IReadOnlyList<int>? banned = null;
        IReadOnlyList<int>? promptTokens = null;
        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, speculation) in modes)
            {
                // A fresh scheduler each time: no run profits from another's cache.
                // F32 KV: the one cache format in which a batched verification matches one-token decoding bit for bit.
                await using var scheduler = new InferenceScheduler(model, new SchedulerOptions { Slots = 1, ContextSize = 2048, Threads = threads, KvCacheType = KvCacheType.F32 }, null, draft);
                var options = new GenerationOptions
                {
                    MaxTokens = tokens,
                    Speculation = speculation,
                    Sampling = SamplingOptions.Greedy with { LogitBias = scheduler.EndOfGenerationTokens.ToDictionary(t => t, _ => float.NegativeInfinity) },
                };
                banned ??= scheduler.EndOfGenerationTokens;
                promptTokens ??= scheduler.Tokenize([PromptSegment.Template(Prompt)]);
                var text = new StringBuilder();
                GenerationStats? stats = null;
                await foreach (var update in scheduler.GenerateAsync([PromptSegment.Template(Prompt)], options))
                {
                    text.Append(update.Text);
                    stats ??= update.Stats;
                }

                speeds[name].Add((stats!.CompletionTokens - 1) / stats.GenerationTime.TotalSeconds);
                texts[name] = text.ToString();
                acceptance[name] = (stats.DraftTokens, stats.AcceptedDraftTokens);
            }
        }

        var c = CultureInfo.InvariantCulture;
        var plain = BenchmarkStatistics.Median(speeds["plain"]);
        var report = new StringBuilder();
        report.AppendLine(c, $"# Speculative decoding: {Path.GetFileName(modelPath)}{(draftPath is null ? string.Empty : $", draft {Path.GetFileName(draftPath)}")}");
        report.AppendLine();
        report.AppendLine(c, $"{threads} threads, greedy, {tokens} generated tokens on repetitive code, medians of {runs} runs.");
        report.AppendLine();
        report.AppendLine("| mode | generation tokens/s | ratio to plain | drafted | accepted | text identical to plain |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var (name, _) in modes)
        {
            var speed = BenchmarkStatistics.Median(speeds[name]);
            report.AppendLine(c, $"| {name} | {speed:F2} | {speed / plain:F2} | {acceptance[name].Drafted} | {acceptance[name].Accepted} | {(texts[name] == texts["plain"] ? "yes" : "NO")} |");
        }

        // The floor: what verification costs here, and the most any draft length policy could gain.
        var costs = SpeculationFloor.DecodeCosts(model, threads, promptTokens!.Count, MaxDraft + 1, repeats: 5);
        var output = SpeculationFloor.GreedyTokens(model, threads, promptTokens, tokens, banned!);
        var (bound, oracleAccepted) = SpeculationFloor.BestLookupSpeedup(promptTokens, output, costs, lookup);
        report.AppendLine();
        report.AppendLine("Native floor (same build, F32 KV): one decode of n tokens with logits, against one token.");
        report.AppendLine();
        report.AppendLine("| n | " + string.Join(" | ", Enumerable.Range(1, MaxDraft + 1).Select(n => n.ToString(c))) + " |");
        report.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", MaxDraft + 1)));
        report.AppendLine("| ms | " + string.Join(" | ", costs.Skip(1).Select(seconds => (seconds * 1000).ToString("F1", c))) + " |");
        report.AppendLine("| × n=1 | " + string.Join(" | ", costs.Skip(1).Select(seconds => (seconds / costs[1]).ToString("F2", c))) + " |");
        report.AppendLine();
        report.AppendLine(c, $"An oracle that knows which prompt-lookup guesses hold, drafting at every step the length that finishes soonest at these native costs, would reach **{bound:F2}×** on this output, accepting {oracleAccepted} of {tokens} tokens: the output of a random-weight model is mostly not a copy of anything before it.");
        report.AppendLine(c, $"The native greedy text {(SpeculationFloor.Detokenize(model, output) == texts["plain"] ? "matches" : "does NOT match")} the plain run's text.");
        report.AppendLine(c, $"Decoding the first 64 tokens of that text two per batch, as a verification does, instead of one at a time moves the logits by up to {SpeculationFloor.BatchDrift(model, threads, promptTokens, output, 64):E1} (llama.cpp's CPU kernels): a greedy pick differs where two logits are closer than that.");
        return report.ToString();
    }
}
