using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sessions;
using OmniBot.Engine.Tests.Inference;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Sessions;

public sealed class SessionStateTests : IDisposable
{
    private static readonly ChatOptions Greedy = new() { Temperature = 0, MaxOutputTokens = 16 };
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"omnibot-session-{Guid.NewGuid():N}.bin");

    public void Dispose() => File.Delete(_path);

    private static InferenceScheduler CreateScheduler(TestArchitecture architecture = TestArchitecture.Qwen2, KvCacheType kvCache = KvCacheType.F16) =>
        new(TestModelHandles.Get(architecture, TestQuantization.F16), new SchedulerOptions { Slots = 2, ContextSize = 1024, Threads = 2, KvCacheType = kvCache }, "tiny");

    [Fact]
    public async Task LoadAsync_IntoAFreshEngine_ContinuesWithoutEvaluatingTheConversationAgain()
    {
        string expected;
        long? liveReuse;
        await using (var scheduler = CreateScheduler())
        {
            using var client = new LlamaChatClient(scheduler);
            var original = new LlamaChatSession(client, "Be brief.", Greedy);
            await original.PromptAsync("Hello there");
            await original.SaveAsync(_path);
            expected = await original.PromptAsync("And then?");
            liveReuse = original.LastUsage!.CachedInputTokenCount;
        }

        await using (var scheduler = CreateScheduler())
        {
            using var client = new LlamaChatClient(scheduler);
            var restored = new LlamaChatSession(client, null, Greedy);
            await restored.LoadAsync(_path);

            var reply = await restored.PromptAsync("And then?");

            Assert.Equal(expected, reply);
            Assert.Equal("Be brief.", restored.SystemPrompt);
            // As much of the conversation is reused as in the session that never stopped.
            Assert.True(liveReuse > 0);
            Assert.Equal(liveReuse, restored.LastUsage!.CachedInputTokenCount);
        }
    }

    [Fact]
    public async Task LoadAsync_StateOfAnotherModel_IsRefusedClearlyAndTheEngineKeepsWorking()
    {
        await using (var scheduler = CreateScheduler(TestArchitecture.Llama))
        {
            using var client = new LlamaChatClient(scheduler);
            var session = new LlamaChatSession(client, null, Greedy);
            await session.PromptAsync("Hi");
            await session.SaveAsync(_path);
        }

        await using (var scheduler = CreateScheduler(TestArchitecture.Qwen2))
        {
            using var client = new LlamaChatClient(scheduler);
            var session = new LlamaChatSession(client, null, Greedy);

            var error = await Assert.ThrowsAsync<LlamaEngineException>(() => session.LoadAsync(_path));

            Assert.Contains("another model", error.Message, StringComparison.Ordinal);
            Assert.NotNull(await session.PromptAsync("Still fine?"));
        }
    }

    [Fact]
    public async Task LoadAsync_StateOfAnotherKvCacheType_IsRefusedClearlyAndTheEngineKeepsWorking()
    {
        await using (var scheduler = CreateScheduler(kvCache: KvCacheType.F16))
        {
            using var client = new LlamaChatClient(scheduler);
            var session = new LlamaChatSession(client, null, Greedy);
            await session.PromptAsync("Hi");
            await session.SaveAsync(_path);
        }

        await using (var scheduler = CreateScheduler(kvCache: KvCacheType.F32))
        {
            using var client = new LlamaChatClient(scheduler);
            var session = new LlamaChatSession(client, null, Greedy);

            var error = await Assert.ThrowsAsync<LlamaEngineException>(() => session.LoadAsync(_path));

            Assert.Contains("KV cache type", error.Message, StringComparison.Ordinal);
            Assert.NotNull(await session.PromptAsync("Still fine?"));
        }
    }

    [Fact]
    public async Task LoadAsync_DamagedFile_IsAClearError()
    {
        await File.WriteAllBytesAsync(_path, [1, 2, 3]);
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var session = new LlamaChatSession(client, null, Greedy);

        await Assert.ThrowsAsync<LlamaEngineException>(() => session.LoadAsync(_path));
    }

    [Fact]
    public async Task RestoreStateAsync_TruncatedCache_IsRefusedAndTheSlotStaysUsable()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var session = new LlamaChatSession(client, null, Greedy);
        await session.PromptAsync("Hello");
        var state = await scheduler.SaveStateAsync(session.ConversationId);
        var damaged = state with { KvCache = state.KvCache[..(state.KvCache.Length / 2)] };

        await Assert.ThrowsAsync<LlamaEngineException>(() => scheduler.RestoreStateAsync("other", damaged));

        Assert.NotNull(await new LlamaChatSession(client, null, Greedy).PromptAsync("Works?"));
    }
}
