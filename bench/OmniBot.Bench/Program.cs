using System.Text.Json;
using OmniBot.Engine.Benchmarks;
using OmniBot.TestModels;

// Usage: dotnet run -c Release --project bench/OmniBot.Bench [-- --runs N] [--model PATH]
// Runs alone on a quiet machine: any other busy process halves llama.cpp's speed on 2 cores.
var runs = 3;
string? modelPath = null;
string? embeddings = null;
var speculation = false;
var grammarBench = false;
var download = false;
var httpBench = false;
var cacheBench = false;
var quantization = TestQuantization.Q8_0;
string? draftPath = null;
var tokens = 256;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs":
            runs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--model":
            modelPath = args[++i];
            break;
        case "--embeddings":
            embeddings = args[++i];
            break;
        case "--speculation":
            speculation = true;
            break;
        case "--grammar":
            grammarBench = true;
            break;
        case "--download":
            download = true;
            break;
        case "--http":
            httpBench = true;
            break;
        case "--cache":
            cacheBench = true;
            break;
        case "--quant":
            quantization = Enum.Parse<TestQuantization>(args[++i], ignoreCase: true);
            break;
        case "--tokens":
            tokens = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--draft":
            draftPath = args[++i];
            break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; usage: [--runs N] [--model PATH] | --speculation [--model PATH | --quant Q8_0|F16|F32] [--draft PATH] [--tokens N] | --cache [--model PATH] | --grammar [--model PATH] | --download [--runs N] | --http [--runs N] [--model PATH] | --embeddings SHARED_MODELS_DIR");
            return 2;
    }
}

var results = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results");
Directory.CreateDirectory(results);
// Generated on first use only: modes such as --download need no model.
string Bench05B() => modelPath ?? TestModelFiles.GetPath(TestModelSpec.Bench05B, TestQuantization.Q4_K_M);
var threads = Environment.ProcessorCount;
Task<string>? mode = null;
string? resultFile = null;
if (embeddings is not null)
{
    (mode, resultFile) = (OmniBot.Bench.EmbeddingBenchmark.RunAsync(embeddings, threads), "embeddings.md");
}
else if (download)
{
    (mode, resultFile) = (OmniBot.Bench.StoreDownloadBenchmark.RunAsync(runs), "download.md");
}
else if (httpBench)
{
    (mode, resultFile) = (OmniBot.Bench.HttpBenchmark.RunAsync(Bench05B(), runs, threads, 128), "http.md");
}
else if (cacheBench)
{
    (mode, resultFile) = (OmniBot.Bench.CacheBenchmark.RunAsync(Bench05B(), runs, threads), "cache.md");
}
else if (grammarBench)
{
    (mode, resultFile) = (OmniBot.Bench.GrammarBenchmark.RunAsync(Bench05B(), runs, threads, 128), "grammar.md");
}
else if (speculation)
{
    var target = modelPath ?? TestModelFiles.GetPath(TestModelSpec.Bench05B, quantization);
    // The default draft is the target cut to its first two blocks: the generator's weights depend only on
    // (seed, tensor name), so it shares the target's embeddings, first layers and output head.
    draftPath ??= modelPath is null ? TestModelFiles.GetPath(TestModelSpec.Bench05BDraft, quantization) : null;
    (mode, resultFile) = (OmniBot.Bench.SpeculationBenchmark.RunAsync(target, draftPath, runs, threads, tokens), modelPath is null ? $"speculation-{quantization.ToString().ToLowerInvariant()}{(tokens == 256 ? string.Empty : $"-{tokens}")}.md" : "speculation.md");
}

if (mode is not null)
{
    var table = await mode;
    await File.WriteAllTextAsync(Path.Combine(results, resultFile!), table);
    Console.WriteLine(table);
    return 0;
}

modelPath = Bench05B();
var progress = new Progress<string>(message => Console.Error.WriteLine(message));
var report = await BenchmarkRunner.RunAsync(modelPath, new BenchmarkSettings(), runs, progress);

var stem = Path.Combine(results, "engine");
await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
await File.WriteAllTextAsync(stem + ".md", report.ToMarkdown());
Console.WriteLine(report.ToMarkdown());
Console.Error.WriteLine($"results written to {Path.GetFullPath(stem)}.json and .md");
return 0;
