using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;
using OmniBot.TestModels;
using static OmniBot.Engine.Tests.Inference.Generation;

namespace OmniBot.Engine.Tests.Inference;

public sealed class CacheReuseTests
{
    private const string System = "<|im_start|>system\nYou are a meticulous assistant who answers every question about cats, dogs, birds and fish with great care and detail.<|im_end|>\n";

    private const int MinimumMovedChunk = 16;

    private static InferenceScheduler CreateScheduler(TestArchitecture architecture, int slots = 4, int context = 512) =>
        new(TestModelHandles.Get(architecture, TestQuantization.F16), new SchedulerOptions { Slots = slots, ContextSize = context, Threads = 2 }, "tiny");

    private static GenerationOptions Endless(InferenceScheduler scheduler, int maxTokens) => Greedy(maxTokens) with
    {
        Sampling = SamplingOptions.Greedy with { LogitBias = scheduler.EndOfGenerationTokens.ToDictionary(token => token, _ => float.NegativeInfinity) },
    };

    [Theory]
    [InlineData(TestArchitecture.Llama)]
    [InlineData(TestArchitecture.Qwen2)]
    public async Task GenerateAsync_PrefixHeldByABusySlot_IsCopiedAndGivesTheColdText(TestArchitecture architecture)
    {
        var question = System + "<|im_start|>user\nWhat do fish eat?<|im_end|>\n<|im_start|>assistant\n";
        string cold;
        await using (var scheduler = CreateScheduler(architecture))
        {
            (cold, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(question), Greedy(24)));
        }

        await using (var scheduler = CreateScheduler(architecture))
        {
            // The first request keeps its slot busy while the second one arrives with the same system prompt.
            using var stop = new CancellationTokenSource();
            var first = scheduler.GenerateAsync(Prompt(System + "<|im_start|>user\nTell me about birds.<|im_end|>\n"), Endless(scheduler, 10_000), stop.Token).GetAsyncEnumerator(stop.Token);
            Assert.True(await first.MoveNextAsync());

            var (warm, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt(question), Greedy(24)));
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => { while (await first.MoveNextAsync()) { } });
            await first.DisposeAsync();

            var systemTokens = scheduler.Tokenize(Prompt(System)).Count;
            Assert.True(stats.PromptTokensReused >= systemTokens, $"reused {stats.PromptTokensReused} of {systemTokens} system tokens");
            Assert.True(scheduler.Counters.SharedPrefixTokens >= systemTokens);
            Assert.Equal(cold, warm);
        }
    }

    [Fact]
    public async Task GenerateAsync_ConversationThatDroppedItsOldestTurn_MovesTheRemainingTurnsInsteadOfEvaluatingThem()
    {
        const string oldTurn = "<|im_start|>user\nFirst, an old question about the colour of the sky at dawn.<|im_end|>\n<|im_start|>assistant\nIt is pink and orange.<|im_end|>\n";
        const string keptTurn = "<|im_start|>user\nSecond, a question that stays: which birds sing the most in spring mornings?<|im_end|>\n<|im_start|>assistant\nBlackbirds and robins.<|im_end|>\n";
        const string next = "<|im_start|>user\nAnd in winter?<|im_end|>\n<|im_start|>assistant\n";
        await using var scheduler = CreateScheduler(TestArchitecture.Qwen2, slots: 1);

        await CollectAsync(scheduler.GenerateAsync(Prompt(System + oldTurn + keptTurn), Greedy(1)));
        var (_, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt(System + keptTurn + next), Greedy(8)));

        var keptTokens = scheduler.Tokenize(Prompt(System + keptTurn)).Count;
        Assert.True(scheduler.Counters.ShiftedReuseTokens >= MinimumMovedChunk, $"moved {scheduler.Counters.ShiftedReuseTokens} tokens");
        Assert.True(stats.PromptTokensReused >= keptTokens - 2, $"reused {stats.PromptTokensReused} of {keptTokens}");
        Assert.True(stats.PromptTokensEvaluated <= scheduler.Tokenize(Prompt(next)).Count + 2);
    }

    [Fact]
    public async Task GenerateAsync_ContextShiftEnabled_GeneratesPastTheContextSize()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Llama, slots: 1, context: 64);

        var (text, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt("Once upon a time"), Endless(scheduler, 200) with { ContextShiftKeep = 4 }));

        Assert.Equal(FinishReason.Length, stats.FinishReason);
        Assert.Equal(200, stats.CompletionTokens);
        Assert.True(scheduler.Counters.ContextShifts >= 3);
        Assert.NotEmpty(text);
    }

    [Fact]
    public async Task GenerateAsync_ContextShiftDisabled_StopsAtTheContextSize()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Llama, slots: 1, context: 64);

        var (_, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt("Once upon a time"), Endless(scheduler, 200)));

        Assert.Equal(FinishReason.Length, stats.FinishReason);
        Assert.True(stats.PromptTokens + stats.CompletionTokens <= 64);
        Assert.Equal(0, scheduler.Counters.ContextShifts);
    }
}
