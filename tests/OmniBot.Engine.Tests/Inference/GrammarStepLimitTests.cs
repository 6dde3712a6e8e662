using OmniBot.Engine.Grammar;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Inference;

/// <summary>A grammar too costly to enforce is stopped at its first slow token, so it cannot slow the requests beside it.</summary>
public sealed class GrammarStepLimitTests
{
    private const string Prompt = "<|im_start|>user\nWrite a word.<|im_end|>\n<|im_start|>assistant\n";

    [Fact]
    public async Task GenerateAsync_GrammarSlowerThanTheStepLimit_StopsThatRequestAndServesTheOthers()
    {
        // A limit of one tick: the first token the grammar has to constrain takes longer than that.
        var options = new SchedulerOptions { Slots = 2, ContextSize = 512, Threads = 2, GrammarStepTimeLimit = TimeSpan.FromTicks(1) };
        await using var scheduler = new InferenceScheduler(TestModelHandles.Get(TestArchitecture.Qwen2), options, "tiny");
        var grammar = GbnfGrammar.Parse("root ::= \"zq\" [a-z]*").ToGbnf();

        var costly = Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt(Prompt), Generation.Greedy(8) with { Grammar = grammar }));
        var plain = Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt(Prompt), Generation.Greedy(8)));

        var error = await Assert.ThrowsAsync<GrammarTooCostlyException>(() => costly);
        Assert.Contains("SchedulerOptions.GrammarStepTimeLimit", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, (await plain).Stats.CompletionTokens);
        Assert.Equal(8, (await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt(Prompt), Generation.Greedy(8)))).Stats.CompletionTokens);
    }

    [Fact]
    public async Task GenerateAsync_GrammarWithinTheDefaultLimit_FollowsTheGrammar()
    {
        await using var scheduler = new InferenceScheduler(TestModelHandles.Get(TestArchitecture.Qwen2), new SchedulerOptions { Slots = 1, ContextSize = 512, Threads = 2 }, "tiny");
        var grammar = GbnfGrammar.Parse("root ::= \"zq\" [a-z]{0,4}").ToGbnf();

        var (text, _) = await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt(Prompt), Generation.Greedy(8) with { Grammar = grammar }));

        Assert.StartsWith("zq", text, StringComparison.Ordinal);
    }
}
