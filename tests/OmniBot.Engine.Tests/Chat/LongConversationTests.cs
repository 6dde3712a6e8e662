using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sessions;
using OmniBot.Engine.Tests.Inference;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Chat;

public sealed class LongConversationTests
{
    [Fact]
    public async Task PromptAsync_ConversationTenTimesTheContext_RunsToTheEndDroppingOldTurns()
    {
        const int context = 256;
        await using var scheduler = new InferenceScheduler(TestModelHandles.Get(TestArchitecture.Qwen2), new SchedulerOptions { Slots = 1, ContextSize = context, Threads = 2 }, "tiny");
        using var client = new LlamaChatClient(scheduler);
        var session = new LlamaChatSession(client, "You remember everything.", new ChatOptions { Temperature = 0, MaxOutputTokens = 12 });
        var totalTokens = 0L;

        for (var turn = 0; turn < 70; turn++)
        {
            await session.PromptAsync($"Turn {turn}: here is a fairly long message about topic number {turn * 7} that keeps the chat growing.");
            totalTokens += session.LastUsage!.OutputTokenCount!.Value + 30;
        }

        Assert.True(totalTokens > 10 * context, $"the chat only reached {totalTokens} tokens");
        Assert.True(session.LastUsage!.InputTokenCount < context);
        var dropped = (int)session.LastResponse!.Messages[^1].AdditionalProperties!["dropped_messages"]!;
        Assert.True(dropped > 0);
        Assert.Equal(140, session.History.Count);
    }

    [Fact]
    public void Fit_TooLong_DropsTheOldestTurnsButKeepsSystemAndTheQuestion()
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, "sys") };
        for (var i = 0; i < 10; i++)
        {
            messages.Add(new ChatMessage(ChatRole.User, $"q{i}"));
            messages.Add(new ChatMessage(ChatRole.Assistant, $"a{i}"));
        }

        messages.Add(new ChatMessage(ChatRole.User, "last"));

        var (kept, dropped) = ConversationFitter.Fit(messages, candidate => (candidate.Count * 10, candidate.ToList()), 55, keepFirstUserTurn: true);

        Assert.Equal(["sys", "q0", "a0", "last"], kept.Select(message => message.Text));
        Assert.Equal(18, dropped);
    }

    [Fact]
    public void Fit_NothingLeftToDrop_ReturnsWhatRemains()
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, "sys"), new(ChatRole.User, "only") };

        var (kept, dropped) = ConversationFitter.Fit(messages, candidate => (1000, candidate.ToList()), 10, keepFirstUserTurn: false);

        Assert.Equal(2, kept.Count);
        Assert.Equal(0, dropped);
    }

    [Fact]
    public void Fit_TenThousandTurns_MeasuresLogarithmicallyOftenAndKeepsTheNewestThatFit()
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, "sys") };
        for (var i = 0; i < 10_000; i++)
        {
            messages.Add(new ChatMessage(ChatRole.User, $"q{i}"));
            messages.Add(new ChatMessage(ChatRole.Assistant, $"a{i}"));
        }

        messages.Add(new ChatMessage(ChatRole.User, "last"));
        var measurements = 0;

        var (kept, dropped) = ConversationFitter.Fit(
            messages,
            candidate =>
            {
                measurements++;
                return (candidate.Count * 10, candidate.ToList());
            },
            budget: 105,
            keepFirstUserTurn: false);

        Assert.Equal(["sys", "q9996", "a9996", "q9997", "a9997", "q9998", "a9998", "q9999", "a9999", "last"], kept.Select(message => message.Text));
        Assert.Equal(19_992, dropped);
        Assert.InRange(measurements, 1, 20);
    }
}
