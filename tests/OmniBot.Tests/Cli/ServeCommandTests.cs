using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace OmniBot.Tests.Cli;

/// <summary><c>omnibot serve</c> as a user starts it: its own process, a real port, stopped by a signal.</summary>
public sealed partial class ServeCommandTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("omnibot-serve-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task Serve_StartsOnTheGivenPortAnswersAndStopsOnSigterm()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { CliProcess.OmnibotDll, "serve", "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OMNIBOT_HOME"] = _home;
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var firstLine = await process.StandardOutput.ReadLineAsync(timeout.Token);
        var address = ServingAddress().Match(firstLine ?? string.Empty);
        Assert.True(address.Success, firstLine);

        using var client = new HttpClient { BaseAddress = new Uri(address.Groups["url"].Value) };
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Serve_OnANonLoopbackAddressWithoutAKey_RefusesToStart()
    {
        var run = await CliProcess.RunAsync(new Dictionary<string, string> { ["OMNIBOT_HOME"] = _home }, "serve", "--host", "0.0.0.0", "--port", "0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--api-key", run.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"serving on (?<url>http://\S+/)")]
    private static partial Regex ServingAddress();
}
