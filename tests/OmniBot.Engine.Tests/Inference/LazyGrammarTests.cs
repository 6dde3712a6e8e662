using OmniBot.Engine.Grammar;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Inference;

/// <summary>A lazy grammar leaves the reply free until its trigger token is sampled, then holds.</summary>
public sealed class LazyGrammarTests
{
    private const string Trigger = "<|im_start|>";

    [Fact]
    public async Task LazyGrammar_OnceTheTriggerTokenIsSampled_ConstrainsTheRest()
    {
        await using var scheduler = NewScheduler();
        var trigger = Assert.Single(scheduler.SingleTokenIds([Trigger]));
        var grammar = GbnfGrammar.Parse("root ::= \"<|im_start|>\" \"yes\"").ToGbnf().WithTriggers([Trigger], [trigger]);
        var options = Generation.Greedy(12) with
        {
            Grammar = grammar,
            PreservedTokens = new HashSet<int> { trigger },
            // Push the model to the trigger at once, and keep pushing: only the grammar can stop a second one.
            Sampling = SamplingOptions.Greedy with { LogitBias = new Dictionary<int, float> { [trigger] = 100f } },
        };

        var (text, _) = await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt("Hello"), options));

        Assert.Equal(Trigger + "yes", text);
    }

    [Fact]
    public async Task LazyGrammar_WithoutItsTrigger_LeavesTheReplyAsItWouldBe()
    {
        await using var scheduler = NewScheduler();
        var trigger = Assert.Single(scheduler.SingleTokenIds([Trigger]));
        var grammar = GbnfGrammar.Parse("root ::= \"<|im_start|>\" \"yes\"").ToGbnf().WithTriggers([Trigger], [trigger]);

        var (free, _) = await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt("Hello"), Generation.Greedy(16)));
        var (lazy, _) = await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt("Hello"), Generation.Greedy(16) with { Grammar = grammar }));

        Assert.DoesNotContain(Trigger, free, StringComparison.Ordinal);
        Assert.Equal(free, lazy);
    }

    private static InferenceScheduler NewScheduler() =>
        new(TestModelHandles.Get(TestArchitecture.Qwen2, TestQuantization.F32), new SchedulerOptions { Slots = 1, ContextSize = 256, Threads = 2 }, "tiny");
}
