using Microsoft.Extensions.Time.Testing;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Hosting;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Tests.TestModels;
using OmniBot.Models.Gguf;
using OmniBot.TestModels;
using OmniBot.TestModels.Bert;

namespace OmniBot.Engine.Tests.Hosting;

public sealed class ModelHostTests
{
    private static readonly ModelSpec Llama = new("llama:tiny", TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0));
    private static readonly ModelSpec Qwen = new("qwen:tiny", TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.Q8_0));

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task AcquireAsync_SameModelTwice_SharesOneLoadedModel()
    {
        await using var host = NewHost();
        await using var first = await host.AcquireAsync(Llama);
        await using var second = await host.AcquireAsync(Llama);

        Assert.Same(first.Model, second.Model);
        var loaded = Assert.Single(host.Loaded);
        Assert.Equal(2, loaded.ActiveRequests);
        Assert.Null(loaded.ExpiresAt);
    }

    [Fact]
    public async Task Release_AfterKeepAlive_UnloadsTheModel()
    {
        await using var host = NewHost(new ModelHostOptions { KeepAlive = TimeSpan.FromMinutes(5), Scheduler = SmallScheduler });
        var unloaded = WaitForModelCount(host, 0);
        var lease = await host.AcquireAsync(Llama);
        await lease.DisposeAsync();

        var idle = Assert.Single(host.Loaded);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(5), idle.ExpiresAt);
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Single(host.Loaded);

        _time.Advance(TimeSpan.FromMinutes(1));
        await unloaded;
        Assert.Empty(host.Loaded);
    }

    [Fact]
    public async Task Acquire_WhileIdle_CancelsTheExpiry()
    {
        await using var host = NewHost(new ModelHostOptions { KeepAlive = TimeSpan.FromMinutes(5), Scheduler = SmallScheduler });
        await (await host.AcquireAsync(Llama)).DisposeAsync();
        _time.Advance(TimeSpan.FromMinutes(4));

        await using var again = await host.AcquireAsync(Llama);
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Single(host.Loaded);
    }

    [Fact]
    public async Task KeepAliveZero_UnloadsWhenTheLastLeaseEnds()
    {
        await using var host = NewHost();
        var unloaded = WaitForModelCount(host, 0);
        var lease = await host.AcquireAsync(Llama, keepAlive: TimeSpan.Zero);
        await lease.DisposeAsync();

        await unloaded;
        Assert.Empty(host.Loaded);
    }

    [Fact]
    public async Task NegativeKeepAlive_KeepsTheModelLoaded()
    {
        await using var host = NewHost();
        await (await host.AcquireAsync(Llama, keepAlive: TimeSpan.FromSeconds(-1))).DisposeAsync();
        _time.Advance(TimeSpan.FromDays(30));

        var loaded = Assert.Single(host.Loaded);
        Assert.Null(loaded.ExpiresAt);
    }

    [Fact]
    public async Task AcquireAsync_AtTheModelLimit_WaitsForAnIdleModelAndUnloadsIt()
    {
        await using var host = NewHost(new ModelHostOptions { MaxLoadedModels = 1, Scheduler = SmallScheduler });
        var llama = await host.AcquireAsync(Llama);
        var qwenTask = host.AcquireAsync(Qwen);

        Assert.False(qwenTask.IsCompleted);
        await llama.DisposeAsync();
        await using var qwen = await qwenTask;

        var loaded = Assert.Single(host.Loaded);
        Assert.Equal("qwen:tiny", loaded.Id);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaitingForRoom_ThrowsAndLeavesTheHostUsable()
    {
        await using var host = NewHost(new ModelHostOptions { MaxLoadedModels = 1, Scheduler = SmallScheduler });
        await using var llama = await host.AcquireAsync(Llama);
        using var cancellation = new CancellationTokenSource();
        var waiting = host.AcquireAsync(Qwen, cancellationToken: cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await using var again = await host.AcquireAsync(Llama);
        Assert.Equal(2, Assert.Single(host.Loaded).ActiveRequests);
    }

    [Fact]
    public async Task AcquireAsync_EveryLoadedModelBusyPastTheRoomWait_IsRefusedAsBusyAndTheHostStaysUsable()
    {
        await using var host = NewHost(new ModelHostOptions { MaxLoadedModels = 1, RoomWaitTimeout = TimeSpan.FromSeconds(30), Scheduler = SmallScheduler });
        var llama = await host.AcquireAsync(Llama);
        var waiting = host.AcquireAsync(Qwen);
        var queuedBehind = host.AcquireAsync(Qwen);

        _time.Advance(TimeSpan.FromSeconds(31));

        var busy = await Assert.ThrowsAsync<EngineBusyException>(() => waiting);
        Assert.Contains("MaxLoadedModels", busy.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EngineBusyException>(() => queuedBehind);
        await llama.DisposeAsync();
        await using var qwen = await host.AcquireAsync(Qwen);
        Assert.Equal("qwen:tiny", Assert.Single(host.Loaded).Id);
    }

    [Fact]
    public async Task WhenIdleAsync_WhileALeaseIsHeld_CompletesOnlyWhenItIsReleased()
    {
        await using var host = NewHost();
        var lease = await host.AcquireAsync(Llama);

        var idle = host.WhenIdleAsync();

        Assert.False(idle.IsCompleted);
        await lease.DisposeAsync();
        await idle.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ChatClient_GeneratesThroughTheHostedScheduler()
    {
        await using var host = NewHost();
        await using var lease = await host.AcquireAsync(Llama);

        var text = new System.Text.StringBuilder();
        await foreach (var update in lease.Scheduler.GenerateAsync([PromptSegment.Content("Hello")], new GenerationOptions { MaxTokens = 4 }))
        {
            text.Append(update.Text);
        }

        Assert.NotNull(lease.ChatClient);
        Assert.NotNull(Assert.Single(host.Loaded).Counters);
        Assert.True(Assert.Single(host.Loaded).Counters!.GeneratedTokens > 0);
    }

    [Fact]
    public async Task ChatClient_OnAnEmbeddingModel_ThrowsAClearError()
    {
        await using var host = NewHost();
        await using var lease = await host.AcquireAsync(new ModelSpec("bert:tiny", BertTestModelFiles.GetPath(BertTestModelSpec.TinyEmbedder)));

        Assert.True(lease.IsEmbeddingOnly);
        var error = Assert.Throws<LlamaEngineException>(() => lease.ChatClient);
        Assert.Contains("embedding model", error.Message, StringComparison.Ordinal);
        Assert.NotNull(lease.Embeddings);
    }

    [Fact]
    public async Task AcquireAsync_CorruptFile_ThrowsAndLoadsNothing()
    {
        using var directory = new TemporaryDirectory();
        var corrupt = Path.Combine(directory.Path, "corrupt.gguf");
        await File.WriteAllBytesAsync(corrupt, [0x47, 0x47, 0x55, 0x46, 3, 0, 0, 0, 1, 2, 3]);
        await using var host = NewHost();

        await Assert.ThrowsAsync<GgufFormatException>(() => host.AcquireAsync(new ModelSpec("corrupt", corrupt)));

        Assert.Empty(host.Loaded);
        await using var lease = await host.AcquireAsync(Llama);
        Assert.Single(host.Loaded);
    }

    private static SchedulerOptions SmallScheduler => new() { Slots = 1, ContextSize = 256, Threads = 2 };

    private ModelHost NewHost(ModelHostOptions? options = null) =>
        new(options ?? new ModelHostOptions { Scheduler = SmallScheduler, Load = new ModelLoadOptions { Threads = 2 } }, _time);

    private static Task WaitForModelCount(ModelHost host, int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.LoadedModelsChanged += (_, _) =>
        {
            if (host.Loaded.Count == count)
            {
                reached.TrySetResult();
            }
        };
        return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
