using Microsoft.Extensions.DependencyInjection;
using OmniBot.Models.Store;
using OmniBot.Models.Tests.Downloads;
using OmniBot.Server.Pulls;
using OmniBot.TestModels;

namespace OmniBot.Tests.Server;

public sealed class ModelPullServiceTests : IClassFixture<PrivatePullsServerFixture>
{
    private readonly OmniBotTestServer _server;

    public ModelPullServiceTests(PrivatePullsServerFixture fixture) => _server = fixture.Server;

    private ModelPullService Pulls => _server.App.Services.GetRequiredService<ModelPullService>();

    [Fact]
    public async Task Start_FromALocalHttpServer_StoresTheModelAndReportsProgress()
    {
        await using var files = await LoopbackModelServer.StartAsync();
        var content = await File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0));
        var url = files.AddFile("/models/pulled.gguf", content);

        var job = Pulls.Start(url.AbsoluteUri, "pulled:v1");
        var snapshots = new List<PullSnapshot>();
        await foreach (var snapshot in job.WatchAsync())
        {
            snapshots.Add(snapshot);
        }

        var last = snapshots[^1];
        Assert.Equal(PullState.Succeeded, last.State);
        Assert.Equal("pulled:v1", last.Manifest!.Ref.ToString());
        Assert.NotNull(_server.Store.Find(ModelRef.Parse("pulled:v1")));
        Assert.Contains(Pulls.Jobs, listed => listed.Id == job.Id && listed.State == PullState.Succeeded);
    }

    [Fact]
    public async Task Start_TheSameSourceWhileRunning_JoinsTheRunningPull()
    {
        await using var files = await LoopbackModelServer.StartAsync();
        var content = await File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.Q8_0));
        files.EnqueueFault(ServerFault.StallAfter(1024));
        var url = files.AddFile("/models/stalled.gguf", content);

        var first = Pulls.Start(url.AbsoluteUri, "stalled:v1");
        var second = Pulls.Start(url.AbsoluteUri, "stalled:v1");
        await files.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        first.Cancel();
        await first.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Same(first, second);
        Assert.Equal(PullState.Cancelled, first.Snapshot.State);
        Assert.Null(_server.Store.Find(ModelRef.Parse("stalled:v1")));
    }

    [Fact]
    public async Task Start_ANonGgufFile_FailsWithAReasonAndStoresNothing()
    {
        await using var files = await LoopbackModelServer.StartAsync();
        var url = files.AddFile("/models/not-a-model.gguf", "this is not a model"u8.ToArray());

        var job = Pulls.Start(url.AbsoluteUri, "broken:v1");
        await job.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(PullState.Failed, job.Snapshot.State);
        Assert.False(string.IsNullOrWhiteSpace(job.Snapshot.Error));
        Assert.Null(_server.Store.Find(ModelRef.Parse("broken:v1")));
    }

    [Fact]
    public async Task Start_MorePullsThanTheLimit_RefusesTheExtraOneButStillJoinsARunningOne()
    {
        await using var files = await LoopbackModelServer.StartAsync();
        var content = await File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0));
        var limit = PullOptions.DefaultMaxConcurrentPulls;
        var running = new List<PullJob>();
        for (var index = 0; index < limit; index++)
        {
            // Each download stalls after its first bytes, so all of them are still running when the next one asks.
            files.EnqueueFault(ServerFault.StallAfter(1024));
            running.Add(Pulls.Start(files.AddFile($"/models/busy-{index}.gguf", content).AbsoluteUri, $"busy-{index}:v1"));
        }

        var extra = files.AddFile("/models/extra.gguf", content).AbsoluteUri;
        var error = Assert.Throws<TooManyPullsException>(() => Pulls.Start(extra, "extra:v1"));
        var joined = Pulls.Start(running[0].Source, running[0].RequestedName);
        foreach (var job in running)
        {
            job.Cancel();
            await job.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Contains($"the limit of {limit} running at once", error.Message, StringComparison.Ordinal);
        Assert.Same(running[0], joined);
        Assert.DoesNotContain(Pulls.Jobs, job => job.Source == extra);
        Assert.Empty(files.RequestsFor("/models/extra.gguf"));
    }

    [Fact]
    public void Start_WithAnInvalidName_Throws()
    {
        Assert.Throws<InvalidModelNameException>(() => Pulls.Start("https://127.0.0.1/x.gguf", "../escape"));
    }
}
