using OmniBot.Engine.Embeddings;
using OmniBot.Engine.Errors;

namespace OmniBot.Engine.Tests.Embeddings;

/// <summary>The queue in front of the embedding context, held busy by a call that waits on the test.</summary>
public sealed class EmbeddingWorkerTests
{
    private static async Task<EmbeddingWorker> CreateAsync(int capacity)
    {
        var model = await EmbeddingTestModels.TinyBertEmbedderAsync();
        var plan = EmbeddingContextPlan.Create(model.TrainedContextLength, encoderOnly: true, EmbeddingPooling.Mean, new LlamaEmbeddingGeneratorOptions());
        return new EmbeddingWorker(EmbeddingContext.Create(model.Handle, plan, 2), capacity, "test");
    }

    [Fact]
    public async Task RunAsync_QueueFull_ThrowsBusyAtOnce()
    {
        using var worker = await CreateAsync(capacity: 1);
        using var release = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = worker.RunAsync((_, _) => { started.SetResult(); release.Wait(); return 1; }, CancellationToken.None);
        await started.Task;
        var queued = worker.RunAsync((_, _) => 2, CancellationToken.None);

        var busy = Assert.Throws<EngineBusyException>(() => { _ = worker.RunAsync((_, _) => 3, CancellationToken.None); });

        release.Set();
        Assert.Equal(1, await running);
        Assert.Equal(2, await queued);
        Assert.Contains(nameof(EmbeddingContextOptions.QueueCapacity), busy.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileQueued_ReturnsAtOnceAndNeverRuns()
    {
        using var worker = await CreateAsync(capacity: 4);
        using var release = new ManualResetEventSlim();
        using var cancellation = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = worker.RunAsync((_, _) => { started.SetResult(); release.Wait(); return 1; }, CancellationToken.None);
        await started.Task;
        var ran = false;
        var queued = worker.RunAsync((_, _) => ran = true, cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        release.Set();
        Assert.Equal(1, await running);
        Assert.Equal(2, await worker.RunAsync((_, _) => 2, CancellationToken.None));
        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsync_WorkThrows_FaultsOnlyThatCall()
    {
        using var worker = await CreateAsync(capacity: 4);

        await Assert.ThrowsAsync<InvalidOperationException>(() => worker.RunAsync<int>((_, _) => throw new InvalidOperationException("boom"), CancellationToken.None));

        Assert.Equal(5, await worker.RunAsync((_, _) => 5, CancellationToken.None));
    }
}
