using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniBot.Engine.Benchmarks;
using OmniBot.Models.Downloads;
using OmniBot.TestModels.Gguf;

namespace OmniBot.Bench;

/// <summary>
/// A loopback download of a 400 MB GGUF through <see cref="ModelDownloader"/> (parallel ranges, sha256 in flight,
/// checkpoints, GGUF validation) against a plain single <see cref="HttpClient"/> GET copied to a file.
/// </summary>
internal static class StoreDownloadBenchmark
{
    private const long TensorElements = 100_000_000;

    public static async Task<string> RunAsync(int runs)
    {
        var directory = Directory.CreateTempSubdirectory("omnibot-bench-download-").FullName;
        try
        {
            var modelPath = Path.Combine(directory, "served.gguf");
            WriteModel(modelPath);
            var size = new FileInfo(modelPath).Length;
            await using var app = await StartServerAsync(modelPath);
            var uri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/model.gguf");
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var downloader = new ModelDownloader(http);
            var options = new ModelDownloaderOptions();
            var plain = new List<double>();
            var hashed = new List<double>();
            var store = new List<double>();
            var cpu = new Dictionary<string, List<double>> { ["plain"] = [], ["hashed"] = [], ["store"] = [] };
            async Task<double> Measured(string method, Func<Task<double>> run)
            {
                // Each method starts with no dirty pages left by the one before: writeback of an earlier run's
                // 400 MB would otherwise land on whichever method comes next.
                FlushFileSystems();
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                var seconds = await run();
                cpu[method].Add((Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds);
                return seconds;
            }

            for (var run = 0; run < runs; run++)
            {
                // Alternate the order so no method always finds the page cache warmer.
                if (run % 2 == 0)
                {
                    plain.Add(await Measured("plain", () => PlainCopyAsync(http, uri, directory, hash: false)));
                    hashed.Add(await Measured("hashed", () => PlainCopyAsync(http, uri, directory, hash: true)));
                    store.Add(await Measured("store", () => DownloaderAsync(downloader, uri, directory)));
                }
                else
                {
                    store.Add(await Measured("store", () => DownloaderAsync(downloader, uri, directory)));
                    hashed.Add(await Measured("hashed", () => PlainCopyAsync(http, uri, directory, hash: true)));
                    plain.Add(await Measured("plain", () => PlainCopyAsync(http, uri, directory, hash: false)));
                }

                Console.Error.WriteLine($"run {run + 1}: plain {plain[^1]:F2} s, plain + sha256 {hashed[^1]:F2} s, ModelDownloader {store[^1]:F2} s");
            }

            await app.StopAsync();
            var c = CultureInfo.InvariantCulture;
            var plainMedian = BenchmarkStatistics.Median(plain);
            var report = new StringBuilder();
            void Row(string method, List<double> seconds, List<double> cpuSeconds) => report.AppendLine(c,
                $"| {method} | {BenchmarkStatistics.Median(seconds):F2} | {size / 1e6 / BenchmarkStatistics.Median(seconds):F0} | {BenchmarkStatistics.Median(cpuSeconds):F2} | {string.Join(", ", seconds.Select(s => s.ToString("F2", c)))} | {plainMedian / BenchmarkStatistics.Median(seconds):F3} |");

            report.AppendLine("# Model store download: loopback Kestrel, 400 MB GGUF");
            report.AppendLine();
            report.AppendLine(c, $"{size:N0} bytes over 127.0.0.1, {Environment.ProcessorCount} cores, medians of {runs} runs (order alternated). "
                + $"ModelDownloader with default options: one connection, split into {options.ParallelRanges} ranges only when the rest would take over {options.SplitAfter.TotalSeconds:0.#} s at its speed; sha256 in flight, resume state flushed every {options.CheckpointBytes / (1024 * 1024)} MiB, GGUF validated.");
            report.AppendLine();
            report.AppendLine("| method | median s | MB/s | CPU core-seconds (server included) | runs (s) | speed ratio to plain |");
            report.AppendLine("| --- | ---: | ---: | ---: | --- | ---: |");
            Row("plain HttpClient GET copied to a file", plain, cpu["plain"]);
            Row("the same, sha256 of each buffer on the copying thread", hashed, cpu["hashed"]);
            Row("ModelDownloader (verified)", store, cpu["store"]);

            // The hash alone, from memory on one core: what verification adds to the copy's work.
            var sample = new byte[64 << 20];
            Random.Shared.NextBytes(sample);
            var hashWatch = Stopwatch.StartNew();
            for (var copied = 0L; copied < size; copied += sample.Length)
            {
                SHA256.HashData(sample.AsSpan(0, (int)Math.Min(sample.Length, size - copied)));
            }

            var hashSeconds = hashWatch.Elapsed.TotalSeconds;
            var plainCpu = BenchmarkStatistics.Median(cpu["plain"]);
            var floor = Math.Max(plainMedian, (plainCpu + hashSeconds) / Environment.ProcessorCount);
            report.AppendLine();
            report.AppendLine(c, $"sha256 of {size / 1e6:F0} MB from memory on one core: {hashSeconds:F2} s ({size / 1e9 / hashSeconds:F2} GB/s). "
                + $"The plain copy already keeps {plainCpu / plainMedian:F2} of {Environment.ProcessorCount} cores busy (server and client share this machine), so a verified download cannot finish before "
                + $"max(plain time, (plain CPU + hash CPU) / cores) = {floor:F2} s, at best **{plainMedian / floor:F3}×** the plain copy.");
            return report.ToString();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<double> PlainCopyAsync(HttpClient http, Uri uri, string directory, bool hash)
    {
        var path = Path.Combine(directory, "plain.gguf");
        var watch = Stopwatch.StartNew();
        using (var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
            if (hash)
            {
                using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 20];
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    sha256.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read));
                }
            }
            else
            {
                await body.CopyToAsync(file);
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        File.Delete(path);
        return seconds;
    }

    private static async Task<double> DownloaderAsync(ModelDownloader downloader, Uri uri, string directory)
    {
        var target = Path.Combine(directory, "store");
        var watch = Stopwatch.StartNew();
        var file = await downloader.DownloadAsync(new DownloadRequest(uri), target);
        var seconds = watch.Elapsed.TotalSeconds;
        if (!file.Digest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The download gave no sha256 ({file.Digest}).");
        }

        Directory.Delete(target, recursive: true);
        return seconds;
    }

    private static void FlushFileSystems()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            sync();
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "sync")]
    private static extern void sync();

    /// <summary>A valid GGUF with one 400 MB F32 tensor of seeded random values (incompressible, like real weights).</summary>
    private static void WriteModel(string path)
    {
        var writer = new GgufWriter();
        writer.Set("general.architecture", GgufMetadataValue.String("llama"));
        writer.Set("general.name", GgufMetadataValue.String("download-bench"));
        writer.AddTensor("weights", GgufTensorType.F32, [10_000, TensorElements / 10_000], (destination, offset) =>
        {
            var random = new Random((int)(offset % int.MaxValue));
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = random.NextSingle();
            }
        });
        writer.WriteTo(path);
    }

    private static async Task<WebApplication> StartServerAsync(string modelPath)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/model.gguf", () => Results.File(modelPath, "application/octet-stream", enableRangeProcessing: true));
        await app.StartAsync();
        return app;
    }
}
