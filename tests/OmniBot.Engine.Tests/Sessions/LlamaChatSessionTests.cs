using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sessions;
using OmniBot.Engine.Tests.Inference;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Sessions;

public sealed class LlamaChatSessionTests
{
    private static readonly ChatOptions Greedy = new() { Temperature = 0, MaxOutputTokens = 12 };

    private static InferenceScheduler CreateScheduler() =>
        new(TestModelHandles.Get(TestArchitecture.Qwen2, TestQuantization.F16), new SchedulerOptions { Slots = 2, ContextSize = 1024, Threads = 2 }, "tiny");

    [Fact]
    public async Task PromptAsync_SecondTurn_ReusesTheFirstTurnFromTheSlot()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var session = new LlamaChatSession(client, "You are terse.", Greedy);

        await session.PromptAsync("Hello");
        var firstPromptTokens = session.LastUsage!.InputTokenCount!.Value;
        await session.PromptAsync("And then?");

        Assert.Equal(4, session.History.Count);
        Assert.True(session.LastUsage!.CachedInputTokenCount >= firstPromptTokens - 1,
            $"reused {session.LastUsage.CachedInputTokenCount} of the first turn's {firstPromptTokens} tokens");
    }

    [Fact]
    public async Task PromptStreamingAsync_OnTokenAndStream_SeeTheSameTextAsPromptAsync()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var streamingSession = new LlamaChatSession(client, null, Greedy);
        var plainSession = new LlamaChatSession(client, null, Greedy);
        var callback = new List<string>();

        var streamed = string.Concat(await streamingSession.PromptStreamingAsync("Hi", new PromptOptions { OnToken = callback.Add }).ToListAsync());
        var plain = await plainSession.PromptAsync("Hi");

        Assert.Equal(plain, streamed);
        Assert.Equal(plain, string.Concat(callback));
        Assert.Equal(plain, streamingSession.History[^1].Text);
    }

    [Fact]
    public async Task PromptAsync_Cancelled_LeavesTheHistoryUnchanged()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var session = new LlamaChatSession(client, null, Greedy);
        await session.PromptAsync("Hello");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.PromptAsync("More", cancellationToken: cancellation.Token));

        Assert.Equal(2, session.History.Count);
    }

    [Fact]
    public async Task SerializeHistory_RestoredIntoANewSession_ContinuesIdentically()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var original = new LlamaChatSession(client, "System text", Greedy);
        await original.PromptAsync("First question");
        var json = original.SerializeHistory();

        var restored = new LlamaChatSession(client, null, Greedy);
        restored.RestoreHistory(json);

        Assert.Equal("System text", restored.SystemPrompt);
        Assert.Equal(original.History.Select(m => (m.Role, m.Text)), restored.History.Select(m => (m.Role, m.Text)));
        Assert.Equal(await original.PromptAsync("Second"), await restored.PromptAsync("Second"));
    }

    [Fact]
    public async Task ClearHistory_ForgetsTheConversation()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var session = new LlamaChatSession(client, null, Greedy);
        var first = await session.PromptAsync("Hello");

        session.ClearHistory();

        Assert.Empty(session.History);
        Assert.Equal(first, await session.PromptAsync("Hello"));
    }
}
