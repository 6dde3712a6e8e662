using System.Diagnostics;

namespace OmniBot.Tests.Cli;

/// <summary>
/// Runs the built omnibot in a child process, for what one process can do only once: choosing the
/// native library (the test process has already loaded its own).
/// </summary>
internal static class CliProcess
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The omnibot built in its own output folder: the copy beside the tests resolves its dependencies
    /// against this test project's frameworks (ASP.NET Core), not its own.
    /// </summary>
    public static string OmnibotDll { get; } = FindOmnibot();

    private static string FindOmnibot()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "OmniBot", "bin", configuration, framework, "omnibot.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"The built omnibot.dll (src/OmniBot/bin/{configuration}/{framework}) was not found above {AppContext.BaseDirectory}.");
    }

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(OmnibotDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeLimit);
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await output, await error);
    }
}
