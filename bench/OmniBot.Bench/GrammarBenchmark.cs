using System.Globalization;
using System.Text;
using OmniBot.Engine.Benchmarks;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Sampling;

namespace OmniBot.Bench;

/// <summary>Generation speed with a JSON-schema grammar against the same generation unconstrained.</summary>
internal static class GrammarBenchmark
{
    private const string Prompt = "<|im_start|>user\nDescribe a city as JSON.<|im_end|>\n<|im_start|>assistant\n";
    private const string Schema = """{"type":"object","properties":{"name":{"type":"string"},"description":{"type":"string"}},"required":["name","description"]}""";

    public static async Task<string> RunAsync(string modelPath, int runs, int threads, int tokens)
    {
        using var model = await LlamaModel.LoadAsync(modelPath, new ModelLoadOptions { ContextSize = 1024, Threads = threads });
        var grammar = JsonSchemaGrammarConverter.Convert(Schema);
        var modes = new (string Name, Gbnf? Grammar, float Temperature)[]
        {
            ("unconstrained, greedy", null, 0f), ("JSON schema, greedy", grammar, 0f),
            ("unconstrained, temperature 0.8", null, 0.8f), ("JSON schema, temperature 0.8", grammar, 0.8f),
        };
        var speeds = modes.ToDictionary(mode => mode.Name, _ => new List<double>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, constraint, temperature) in modes)
            {
                await using var scheduler = new InferenceScheduler(model, new SchedulerOptions { Slots = 1, ContextSize = 1024, Threads = threads });
                var sampling = (temperature == 0 ? SamplingOptions.Greedy : new SamplingOptions { Temperature = temperature, Seed = (uint)run })
                    with { LogitBias = scheduler.EndOfGenerationTokens.ToDictionary(t => t, _ => float.NegativeInfinity) };
                GenerationStats? stats = null;
                await foreach (var update in scheduler.GenerateAsync([PromptSegment.Template(Prompt)], new GenerationOptions { MaxTokens = tokens, Grammar = constraint, Sampling = sampling }))
                {
                    stats ??= update.Stats;
                }

                speeds[name].Add((stats!.CompletionTokens - 1) / stats.GenerationTime.TotalSeconds);
            }
        }

        var c = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine(c, $"# Grammar-constrained generation: {Path.GetFileName(modelPath)}");
        report.AppendLine();
        report.AppendLine(c, $"{threads} threads, {tokens} generated tokens, medians of {runs} runs.");
        report.AppendLine();
        report.AppendLine("| mode | generation tokens/s | ratio to unconstrained |");
        report.AppendLine("| --- | ---: | ---: |");
        for (var i = 0; i < modes.Length; i++)
        {
            var speed = BenchmarkStatistics.Median(speeds[modes[i].Name]);
            var baseline = BenchmarkStatistics.Median(speeds[modes[i - (i % 2)].Name]);
            report.AppendLine(c, $"| {modes[i].Name} | {speed:F2} | {speed / baseline:F3} |");
        }

        return report.ToString();
    }
}
