using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OmniBot.Engine.Benchmarks;
using OmniBot.Engine.Embeddings;
using OmniBot.Engine.Loading;

namespace OmniBot.Bench;

/// <summary>
/// Sentences per second of <see cref="LlamaEmbeddingGenerator"/> on the real all-MiniLM-L6-v2 model, in
/// the three modes of the ONNX Runtime figures in shared/models/README.md (same 31 texts, same rounds).
/// Unlike those figures, ours include tokenization.
/// </summary>
internal static class EmbeddingBenchmark
{
    private const int WarmUps = 2;
    private const int Rounds = 15;

    public static async Task<string> RunAsync(string sharedModels, int threads)
    {
        var texts = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(sharedModels, "all-MiniLM-L6-v2.reference.json")))
            .RootElement.EnumerateArray().Select(item => item.GetProperty("text").GetString()!).ToArray();
        using var model = await LlamaModel.LoadAsync(Path.Combine(sharedModels, "all-MiniLM-L6-v2.f16.gguf"), new ModelLoadOptions { Threads = threads });
        using var generator = new LlamaEmbeddingGenerator(model, new LlamaEmbeddingGeneratorOptions { Threads = threads, MaxSequencesPerBatch = 64 });
        var modes = new (string Name, int PerCall)[] { ("one sentence per call", 1), ("16 sentences per call", 16), ("the whole set in one call", texts.Length) };
        var timings = modes.ToDictionary(mode => mode.Name, _ => new List<double>());

        for (var round = 0; round < WarmUps + Rounds; round++)
        {
            for (var i = 0; i < modes.Length; i++)
            {
                var mode = modes[(i + round) % modes.Length];
                var seconds = await TimeAsync(generator, texts, mode.PerCall);
                if (round >= WarmUps)
                {
                    timings[mode.Name].Add(texts.Length / seconds);
                }
            }
        }

        var report = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        report.AppendLine(c, $"# Embedding benchmark: all-MiniLM-L6-v2 (F16 GGUF), {threads} threads, {texts.Length} texts, median (best) of {Rounds} rounds");
        report.AppendLine();
        report.AppendLine("| mode | OmniBot sentences/s | ONNX Runtime sentences/s (shared/models/README.md) |");
        report.AppendLine("| --- | ---: | ---: |");
        var onnx = new[] { "285.5 (296.0)", "52.3 (53.6)", "26.5 (27.1)" };
        for (var i = 0; i < modes.Length; i++)
        {
            var values = timings[modes[i].Name];
            report.AppendLine(c, $"| {modes[i].Name} | {BenchmarkStatistics.Median(values):F1} ({values.Max():F1}) | {onnx[i]} |");
        }

        return report.ToString();
    }

    private static async Task<double> TimeAsync(LlamaEmbeddingGenerator generator, string[] texts, int perCall)
    {
        var start = Stopwatch.GetTimestamp();
        for (var offset = 0; offset < texts.Length; offset += perCall)
        {
            await generator.GenerateAsync(texts.Skip(offset).Take(perCall));
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
