using System.Diagnostics;
using System.Text.Json;
using OmniBot.Models.Downloads;
using OmniBot.Models.Store;
using OmniBot.Models.Tests.Downloads;
using OmniBot.TestModels.Gguf;

namespace OmniBot.Tests.Cli;

/// <summary>
/// <c>omnibot pull</c> in a child process, killed mid-download against a real Kestrel server on 127.0.0.1;
/// the next pull resumes from the partial file and the state the killed process left behind.
/// </summary>
public sealed class PullKillResumeTests : IAsyncLifetime
{
    // The downloader's default checkpoint interval: the killed process has saved its place once it got past this.
    private const long CheckpointBytes = 8L * 1024 * 1024;
    private const long StallAfterBytes = 10_000_000;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(2);

    private readonly string _scratch = Directory.CreateTempSubdirectory("omnibot-cli-kill-").FullName;
    private LoopbackModelServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackModelServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task Pull_ProcessKilledMidDownload_NextPullResumesAndListsTheModel()
    {
        var model = LargeModel();
        var uri = _server.AddFile("/files/big.gguf", model);
        _server.EnqueueFault(ServerFault.StallAfter(StallAfterBytes));
        var store = new ModelStore(Path.Combine(_scratch, "models"));
        Directory.CreateDirectory(store.BlobsDirectory);
        var statePath = ModelDownloader.GetPartialPath(store.BlobsDirectory, uri) + ".json";

        using (var child = StartPull(uri, store.Root))
        {
            try
            {
                // The server has sent its bytes and holds the connection; the child has saved a checkpoint past 8 MiB.
                await _server.Stalled.Task.WaitAsync(TimeLimit);
                await WaitForSavedBytesAsync(statePath, CheckpointBytes).WaitAsync(TimeLimit);
            }
            finally
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
            }
        }

        Assert.Empty(store.List());
        using var http = new HttpClient();
        var manifest = await new ModelPuller(store, new ModelDownloader(http), new ModelSourceResolver(http)).PullAsync(uri.AbsoluteUri);

        var downloads = _server.RequestsFor("/files/big.gguf").Where(r => !r.IsProbe).ToArray();
        Assert.Equal(2, downloads.Length);
        Assert.Equal(0, downloads[0].RangeStart);
        Assert.InRange(downloads[1].RangeStart!.Value, CheckpointBytes, StallAfterBytes);
        var listed = Assert.Single(store.List());
        Assert.Equal(manifest.Ref, listed.Ref);
        Assert.Equal(BlobDigest.FromHex(LoopbackModelServer.Sha256Hex(model)), listed.Digest);
    }

    /// <summary>A valid GGUF of about 12 MB: one F32 tensor, large enough for the child to checkpoint before the stall.</summary>
    private static byte[] LargeModel()
    {
        var writer = new GgufWriter();
        writer.Set("general.architecture", GgufMetadataValue.String("llama"));
        writer.AddTensor("weights", GgufTensorType.F32, [1000, 3000], (destination, offset) =>
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = (offset + i) % 251;
            }
        });
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    private static Process StartPull(Uri uri, string modelsDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { CliProcess.OmnibotDll, "pull", uri.AbsoluteUri, "--models-dir", modelsDirectory })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Completes when the resume state saved beside the partial file counts at least <paramref name="bytes"/>.</summary>
    private static async Task WaitForSavedBytesAsync(string statePath, long bytes)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(statePath)!);
        void Check()
        {
            if (SavedBytes(statePath) >= bytes)
            {
                reached.TrySetResult();
            }
        }

        watcher.Created += (_, _) => Check();
        watcher.Changed += (_, _) => Check();
        watcher.Renamed += (_, _) => Check();
        watcher.EnableRaisingEvents = true;
        Check();
        await reached.Task;
    }

    private static long SavedBytes(string statePath)
    {
        try
        {
            using var state = JsonDocument.Parse(File.ReadAllBytes(statePath));
            return state.RootElement.GetProperty("segments").EnumerateArray().Sum(segment => segment.GetProperty("done").GetInt64());
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return 0;
        }
    }
}
