using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniBot.Engine.Benchmarks;
using OmniBot.Engine.Hosting;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;
using OmniBot.Models.Store;
using OmniBot.Server;
using OmniBot.Server.Models;

namespace OmniBot.Bench;

/// <summary>
/// Streaming chat through <c>omnibot serve</c>'s OpenAI API (real Kestrel on 127.0.0.1, HttpClient reading SSE) against
/// the same model's in-process <see cref="IChatClient"/>: generation tokens/s and time to first token, greedy, same
/// prompt, end of generation banned so every run makes the same number of tokens.
/// </summary>
internal static class HttpBenchmark
{
    private const string ModelName = "bench-0.5b";
    private const string Prompt = "Write a long story about a lighthouse keeper who collects lost letters.";

    public static async Task<string> RunAsync(string modelPath, int runs, int threads, int tokens)
    {
        var home = Directory.CreateTempSubdirectory("omnibot-http-bench-").FullName;
        try
        {
            return await RunInAsync(home, modelPath, runs, threads, tokens);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<string> RunInAsync(string home, string modelPath, int runs, int threads, int tokens)
    {
        var options = new ServerOptions
        {
            Port = 0,
            ModelsDirectory = Path.Combine(home, "models"),
            DataDirectory = home,
            Models = new ModelHostOptions
            {
                KeepAlive = Timeout.InfiniteTimeSpan,
                Load = new ModelLoadOptions { Threads = threads },
                Scheduler = new SchedulerOptions { Slots = 1, ContextSize = 2048, Threads = threads },
            },
        };
        await new ModelStore(options.ModelsDirectory).ImportAsync(modelPath, ModelRef.Parse(ModelName));
        await using var app = OmniBotServer.Build(options, builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = OmniBotServer.BaseAddress(app), Timeout = TimeSpan.FromMinutes(10) };
        var host = app.Services.GetRequiredService<ModelHost>();
        await using var lease = await host.AcquireAsync(app.Services.GetRequiredService<ServedModels>().Resolve(ModelName));
        var endOfGeneration = lease.Scheduler.EndOfGenerationTokens.ToDictionary(token => token, _ => float.NegativeInfinity);

        // The first run of each path warms up (and fills the prefix cache: every later run evaluates only the prompt's last token,
        // so the time to first token is one decode step plus what each path adds).
        await InProcessAsync(lease.ChatClient, endOfGeneration, tokens);
        await OverHttpAsync(http, tokens);
        var inProcess = new List<Measurement>();
        var overHttp = new List<Measurement>();
        for (var run = 0; run < runs; run++)
        {
            // Alternating the order keeps a drifting machine from favouring one path.
            if (run % 2 == 0)
            {
                inProcess.Add(await InProcessAsync(lease.ChatClient, endOfGeneration, tokens));
                overHttp.Add(await OverHttpAsync(http, tokens));
            }
            else
            {
                overHttp.Add(await OverHttpAsync(http, tokens));
                inProcess.Add(await InProcessAsync(lease.ChatClient, endOfGeneration, tokens));
            }
        }

        await app.StopAsync();
        return Report(modelPath, runs, threads, tokens, inProcess, overHttp);
    }

    private static async Task<Measurement> InProcessAsync(IChatClient client, Dictionary<int, float> endOfGeneration, int tokens)
    {
        var options = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = tokens,
            AdditionalProperties = new AdditionalPropertiesDictionary { ["logit_bias"] = endOfGeneration },
        };
        var text = new StringBuilder();
        var clock = Stopwatch.StartNew();
        TimeSpan? first = null;
        var last = TimeSpan.Zero;
        long generated = 0;
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, Prompt)], options))
        {
            if (update.Text.Length > 0)
            {
                first ??= clock.Elapsed;
                last = clock.Elapsed;
                text.Append(update.Text);
            }

            generated = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details.OutputTokenCount ?? generated;
        }

        return Measurement.From(first, last, generated, text.ToString());
    }

    private static async Task<Measurement> OverHttpAsync(HttpClient http, int tokens)
    {
        var body = new JsonObject
        {
            ["model"] = ModelName,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Prompt }),
            ["temperature"] = 0,
            ["max_tokens"] = tokens,
            ["ignore_eos"] = true,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        };
        var text = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        TimeSpan? first = null;
        var last = TimeSpan.Zero;
        long generated = 0;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            if (item.Data == "[DONE]")
            {
                break;
            }

            using var chunk = JsonDocument.Parse(item.Data);
            if (chunk.RootElement.TryGetProperty("usage", out var usage))
            {
                generated = usage.GetProperty("completion_tokens").GetInt64();
            }

            foreach (var choice in chunk.RootElement.GetProperty("choices").EnumerateArray())
            {
                if (choice.GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } piece)
                {
                    first ??= clock.Elapsed;
                    last = clock.Elapsed;
                    text.Append(piece);
                }
            }
        }

        return Measurement.From(first, last, generated, text.ToString());
    }

    private static string Report(string modelPath, int runs, int threads, int tokens, List<Measurement> inProcess, List<Measurement> overHttp)
    {
        var c = CultureInfo.InvariantCulture;
        var speedIn = BenchmarkStatistics.Median(inProcess.Select(m => m.TokensPerSecond));
        var speedHttp = BenchmarkStatistics.Median(overHttp.Select(m => m.TokensPerSecond));
        var firstIn = BenchmarkStatistics.Median(inProcess.Select(m => m.TimeToFirstToken.TotalMilliseconds));
        var firstHttp = BenchmarkStatistics.Median(overHttp.Select(m => m.TimeToFirstToken.TotalMilliseconds));
        var ratio = speedHttp / speedIn;
        var overhead = firstHttp - firstIn;
        var identical = inProcess.Concat(overHttp).Select(m => m.Text).Distinct().Count() == 1;
        var report = new StringBuilder();
        report.AppendLine(c, $"# OpenAI API over HTTP vs in-process: {Path.GetFileName(modelPath)}");
        report.AppendLine();
        report.AppendLine(c, $"{threads} threads, 1 slot, greedy, {tokens} generated tokens (end of generation banned), medians of {runs} runs after one warm-up each.");
        report.AppendLine("HTTP: `POST /v1/chat/completions` with `stream: true` on Kestrel at 127.0.0.1, read with HttpClient and System.Net.ServerSentEvents.");
        report.AppendLine("In-process: the same hosted model's `IChatClient.GetStreamingResponseAsync`. The prompt is identical every run, so it comes from");
        report.AppendLine("the prefix cache and the time to first token is one decode step plus what each path adds. Both are timed by the caller:");
        report.AppendLine("tokens/s = (tokens - 1) / (last text - first text).");
        report.AppendLine();
        report.AppendLine("| path | generation tokens/s | time to first token (ms) |");
        report.AppendLine("| --- | ---: | ---: |");
        report.AppendLine(c, $"| in-process IChatClient | {speedIn:F2} | {firstIn:F2} |");
        report.AppendLine(c, $"| HTTP + SSE | {speedHttp:F2} | {firstHttp:F2} |");
        report.AppendLine();
        report.AppendLine("| target | measured | met |");
        report.AppendLine("| --- | ---: | --- |");
        report.AppendLine(c, $"| tokens/s over HTTP ≥ 0.97 × in-process | {ratio:F3} × | {(ratio >= 0.97 ? "yes" : "NO")} |");
        report.AppendLine(c, $"| time to first token overhead < 10 ms | {overhead:F2} ms | {(overhead < 10 ? "yes" : "NO")} |");
        report.AppendLine(c, $"| same text on both paths | {(identical ? "identical" : "DIFFERENT")} | {(identical ? "yes" : "NO")} |");
        return report.ToString();
    }

    private sealed record Measurement(TimeSpan TimeToFirstToken, double TokensPerSecond, string Text)
    {
        public static Measurement From(TimeSpan? first, TimeSpan last, long tokens, string text)
        {
            var firstText = first ?? throw new InvalidOperationException("The reply had no text.");
            var streaming = last - firstText;
            return new Measurement(firstText, tokens > 1 && streaming > TimeSpan.Zero ? (tokens - 1) / streaming.TotalSeconds : 0, text);
        }
    }
}
