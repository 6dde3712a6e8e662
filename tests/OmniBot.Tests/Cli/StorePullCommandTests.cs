using System.Net;
using System.Net.Sockets;
using OmniBot.TestModels;

namespace OmniBot.Tests.Cli;

/// <summary><c>omnibot pull</c> of a URL served by a real HTTP listener on 127.0.0.1 (one without Range support).</summary>
public sealed class StorePullCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("omnibot-cli-pull-").FullName;
    private readonly HttpListener _listener = new();
    private readonly byte[] _model = File.ReadAllBytes(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0));
    private readonly Task _serving;
    private readonly Uri _baseUri;

    public StorePullCommandTests()
    {
        var port = FreePort();
        _baseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(_baseUri.AbsoluteUri);
        _listener.Start();
        _serving = ServeAsync();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task Pull_Url_DownloadsWithPlainProgressLinesAndListsTheModel()
    {
        var models = Path.Combine(_scratch, "models");
        var url = new Uri(_baseUri, "Tiny-Llama.Q8_0.gguf").AbsoluteUri;

        var pull = await CliRun.InvokeAsync("pull", url, "--models-dir", models);
        var list = await CliRun.InvokeAsync("list", "--models-dir", models);

        Assert.Equal(0, pull.ExitCode);
        Assert.Contains("pulled 'tiny-llama.q8_0:latest'", pull.Output, StringComparison.Ordinal);
        Assert.Contains(pull.ErrorLines, line => line.StartsWith("pulling Tiny-Llama.Q8_0.gguf: 100%", StringComparison.Ordinal));
        Assert.Contains("tiny-llama.q8_0:latest", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_UrlThatIsNotFound_OneErrorLineAndNothingListed()
    {
        var models = Path.Combine(_scratch, "models");

        var pull = await CliRun.InvokeAsync("pull", new Uri(_baseUri, "missing.gguf").AbsoluteUri, "--models-dir", models);

        Assert.Equal(1, pull.ExitCode);
        Assert.Contains("404", Assert.Single(pull.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("missing", (await CliRun.InvokeAsync("list", "--models-dir", models)).Output, StringComparison.Ordinal);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var response = context.Response;
            if (context.Request.Url?.AbsolutePath != "/Tiny-Llama.Q8_0.gguf")
            {
                response.StatusCode = 404;
                continue;
            }

            response.ContentLength64 = _model.Length;
            try
            {
                await response.OutputStream.WriteAsync(_model);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException)
            {
                // The downloader's size probe hangs up after the headers.
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
