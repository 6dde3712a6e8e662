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

    [Fact]
    public async Task Serve_WithAnApiKeyFile_RequiresTheKeyFromTheFile()
    {
        var keyFile = Path.Combine(_home, "api-key");
        await File.WriteAllTextAsync(keyFile, "from-the-file\n");
        using var process = StartServe("--port", "0", "--api-key-file", keyFile);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            var firstLine = await process.StandardOutput.ReadLineAsync(timeout.Token);
            var address = ServingAddress().Match(firstLine ?? string.Empty);
            Assert.True(address.Success, firstLine);
            using var client = new HttpClient { BaseAddress = new Uri(address.Groups["url"].Value) };

            using var anonymous = await client.GetAsync(new Uri("/health", UriKind.Relative), timeout.Token);
            using var withKey = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Authorization = new("Bearer", "from-the-file") } };
            using var withKeyResponse = await client.SendAsync(withKey, timeout.Token);

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.OK, withKeyResponse.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Serve_WithBothApiKeyAndApiKeyFile_RefusesToStart()
    {
        var keyFile = Path.Combine(_home, "api-key");
        await File.WriteAllTextAsync(keyFile, "from-the-file");

        var run = await CliProcess.RunAsync(new Dictionary<string, string> { ["OMNIBOT_HOME"] = _home }, "serve", "--port", "0", "--api-key", "other", "--api-key-file", keyFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not both", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "no such file")]
    [InlineData(" \n", "is empty")]
    public async Task Serve_WithAMissingOrEmptyApiKeyFile_RefusesToStart(string? contents, string message)
    {
        var keyFile = Path.Combine(_home, "api-key");
        if (contents is not null)
        {
            await File.WriteAllTextAsync(keyFile, contents);
        }

        var run = await CliProcess.RunAsync(new Dictionary<string, string> { ["OMNIBOT_HOME"] = _home }, "serve", "--port", "0", "--api-key-file", keyFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains(keyFile, run.Error, StringComparison.Ordinal);
    }

    private Process StartServe(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(CliProcess.OmnibotDll);
        start.ArgumentList.Add("serve");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OMNIBOT_HOME"] = _home;
        return Process.Start(start)!;
    }

    [GeneratedRegex(@"serving on (?<url>http://\S+/)")]
    private static partial Regex ServingAddress();
}
