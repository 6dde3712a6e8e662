using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OmniBot.Models.Store;
using OmniBot.Tests.Cli;
using OmniBot.TestModels;
using OmniBot.TestModels.Bert;

namespace OmniBot.Tests.Server.Fuzz;

/// <summary>
/// <c>omnibot serve</c> in its own process over a fresh store of the synthetic models, so a test can tell whether a
/// request took the whole process down (a stack overflow or a native abort cannot be caught inside a test host).
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly string _home;

    private ServeProcess(Process process, string home, Uri baseAddress)
    {
        _process = process;
        _home = home;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the server logged on stderr, for a failure message.</summary>
    public string ErrorTail
    {
        get
        {
            lock (_errors)
            {
                var text = _errors.ToString();
                return text.Length <= 4000 ? text : text[^4000..];
            }
        }
    }

    public static async Task<ServeProcess> StartAsync(CancellationToken cancellationToken, params string[] extraArguments)
    {
        var home = Directory.CreateTempSubdirectory("omnibot-fuzz-").FullName;
        var store = new ModelStore(Path.Combine(home, "models"));
        await store.ImportAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0), ModelRef.Parse(OmniBotTestServer.Llama), cancellationToken: cancellationToken);
        await store.ImportAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.Q8_0), ModelRef.Parse(OmniBotTestServer.Qwen), cancellationToken: cancellationToken);
        await store.ImportAsync(BertTestModelFiles.GetPath(BertTestModelSpec.TinyEmbedder), ModelRef.Parse(OmniBotTestServer.Embedder), cancellationToken: cancellationToken);
        await store.ImportAsync(BertTestModelFiles.GetPath(BertTestModelSpec.TinyReranker), ModelRef.Parse(OmniBotTestServer.Reranker), cancellationToken: cancellationToken);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { CliProcess.OmnibotDll, "serve", "--port", "0", "--threads", "2", "--keep-alive", "-1" }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OMNIBOT_HOME"] = home;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var errors = new StringBuilder();
        var firstLine = await process.StandardOutput.ReadLineAsync(cancellationToken);
        var address = ServingAddress().Match(firstLine ?? string.Empty);
        if (!address.Success)
        {
            var error = await process.StandardError.ReadToEndAsync(cancellationToken);
            throw new InvalidOperationException($"omnibot serve did not start: {firstLine} {error}");
        }

        var server = new ServeProcess(process, home, new Uri(address.Groups["url"].Value));
        process.ErrorDataReceived += (_, line) =>
        {
            lock (server._errors)
            {
                server._errors.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A file the stopped server still held; the temp folder is cleaned by the OS eventually.
        }
    }

    [GeneratedRegex(@"serving on (?<url>http://\S+/)")]
    private static partial Regex ServingAddress();
}
