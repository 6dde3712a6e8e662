using System.CommandLine;
using System.Text.Json;
using OmniBot.Engine.Benchmarks;

namespace OmniBot.Cli;

/// <summary><c>omnibot bench MODEL</c>: the engine against the native floor on the same model and machine.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var model = new Argument<FileInfo>("MODEL") { Description = "The GGUF model file." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var runs = new Option<int>("--runs") { Description = "Repetitions; medians are reported.", DefaultValueFactory = _ => 3 };
        var threads = new Option<int?>("--threads") { Description = "CPU threads (default: one per core)." };
        var command = new Command("bench", "Measure prompt and generation speed against a tight native loop. Run it on a quiet machine.")
        {
            model, json, runs, threads,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var file = parseResult.GetRequiredValue(model);
            if (!file.Exists)
            {
                throw new CliErrorException($"'{file.FullName}' does not exist. Give the path of a .gguf model file.");
            }

            var settings = new BenchmarkSettings { Threads = parseResult.GetValue(threads) ?? Environment.ProcessorCount };
            var error = parseResult.InvocationConfiguration.Error;
            var progress = new Progress<string>(message => error.WriteLine(message));
            var report = await BenchmarkRunner.RunAsync(file.FullName, settings, parseResult.GetValue(runs), progress, cancellationToken).ConfigureAwait(false);
            var output = parseResult.InvocationConfiguration.Output;
            await output.WriteLineAsync(parseResult.GetValue(json)
                ? JsonSerializer.Serialize(report, CliJson.Options)
                : report.ToMarkdown()).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
