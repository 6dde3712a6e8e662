using System.Globalization;
using OmniBot.Models.Downloads;
using Spectre.Console;

namespace OmniBot.Cli;

/// <summary>Shows download progress on stderr: Spectre.Console bars on a terminal, plain lines (every 10%) otherwise.</summary>
internal static class PullProgressView
{
    public static Task<T> RunAsync<T>(TextWriter error, Func<IProgress<DownloadProgress>, Task<T>> pull)
    {
        var terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        return terminal ? RunWithBarsAsync(error, pull) : pull(new PlainLines(error));
    }

    private static async Task<T> RunWithBarsAsync<T>(TextWriter error, Func<IProgress<DownloadProgress>, Task<T>> pull)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var gate = new Lock();
                var progress = new Callback(report =>
                {
                    lock (gate)
                    {
                        if (!tasks.TryGetValue(report.Label, out var task))
                        {
                            task = tasks[report.Label] = context.AddTask(Markup.Escape(report.Label), maxValue: report.TotalBytes ?? 1);
                        }

                        if (report.TotalBytes is { } total)
                        {
                            task.MaxValue = total;
                        }

                        task.Value = report.BytesDone;
                    }
                });
                return await pull(progress).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private sealed class Callback(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }

    private sealed class PlainLines(TextWriter error) : IProgress<DownloadProgress>
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, int> _lastDecile = new(StringComparer.Ordinal);

        public void Report(DownloadProgress value)
        {
            var decile = value.Fraction is { } fraction ? (int)(fraction * 10) : -1;
            lock (_gate)
            {
                if (_lastDecile.TryGetValue(value.Label, out var last) && last == decile)
                {
                    return;
                }

                _lastDecile[value.Label] = decile;
                var percent = value.Fraction is { } f ? string.Create(CultureInfo.InvariantCulture, $"{f * 100,3:0}% ") : string.Empty;
                var eta = value.EstimatedRemaining is { } remaining ? $", {remaining:hh\\:mm\\:ss} left" : string.Empty;
                error.WriteLine($"pulling {value.Label}: {percent}{StoreFormat.Size(value.BytesDone)} of {(value.TotalBytes is { } t ? StoreFormat.Size(t) : "?")} at {StoreFormat.Size((long)value.BytesPerSecond)}/s{eta}");
            }
        }
    }
}
