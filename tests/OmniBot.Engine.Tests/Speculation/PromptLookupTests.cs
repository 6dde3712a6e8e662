using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;
using OmniBot.Engine.Speculation;
using OmniBot.Engine.Tests.Inference;
using OmniBot.TestModels;
using static OmniBot.Engine.Tests.Inference.Generation;

namespace OmniBot.Engine.Tests.Speculation;

public sealed class PromptLookupTests
{
    private const string Repetitive = "The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog. The quick brown";

    private static InferenceScheduler CreateScheduler(TestArchitecture architecture, TestQuantization quantization, int slots = 2) =>
        new(TestModelHandles.Get(architecture, quantization), new SchedulerOptions { Slots = slots, ContextSize = 512, Threads = 2 }, "tiny");

    [Theory]
    [InlineData(TestArchitecture.Llama, TestQuantization.F16)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.F16)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.Q8_0)]
    public async Task GenerateAsync_GreedyWithPromptLookup_GivesTheSameTextAndAcceptsGuesses(TestArchitecture architecture, TestQuantization quantization)
    {
        await using var scheduler = CreateScheduler(architecture, quantization);
        var plain = Greedy(96);
        // Every step drafts: this checks verification, not whether drafting pays on this machine.
        var speculative = plain with { Speculation = SpeculationOptions.PromptLookup with { AdaptiveLength = false } };

        var (expected, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Repetitive), plain));
        var (actual, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt(Repetitive), speculative));

        Assert.Equal(expected, actual);
        Assert.True(stats.DraftTokens > 0, "nothing was guessed");
        Assert.True(stats.AcceptedDraftTokens > 0, $"none of {stats.DraftTokens} guesses was accepted");
        Assert.InRange(stats.AcceptedDraftTokens, 0, stats.DraftTokens);
    }

    [Theory]
    [InlineData(TestArchitecture.Llama, TestQuantization.F32, KvCacheType.F32)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.F32, KvCacheType.F32)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.Q8_0, KvCacheType.F16)]
    public async Task GenerateAsync_AdaptiveDraftLength_GivesTheSameText(TestArchitecture architecture, TestQuantization quantization, KvCacheType kvCache)
    {
        await using var scheduler = new InferenceScheduler(TestModelHandles.Get(architecture, quantization), new SchedulerOptions { Slots = 1, ContextSize = 512, Threads = 2, KvCacheType = kvCache }, "tiny");
        var plain = Greedy(160) with { Sampling = SamplingOptions.Greedy with { LogitBias = scheduler.EndOfGenerationTokens.ToDictionary(t => t, _ => float.NegativeInfinity) } };

        var (expected, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Repetitive), plain));
        var (actual, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt(Repetitive), plain with { Speculation = SpeculationOptions.PromptLookup with { MaxDraftTokens = 16 } }));

        Assert.Equal(expected, actual);
        Assert.Equal(160, stats.CompletionTokens);
        Assert.InRange(stats.AcceptedDraftTokens, 0, stats.DraftTokens);
    }

    [Fact]
    public async Task GenerateAsync_SeededSamplingWithPromptLookup_GivesTheSameText()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Llama, TestQuantization.F16);
        var sampled = new GenerationOptions { MaxTokens = 64, Sampling = new SamplingOptions { Temperature = 0.7f, Seed = 11 } };

        var (expected, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Repetitive), sampled));
        var (actual, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Repetitive), sampled with { Speculation = SpeculationOptions.PromptLookup }));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task GenerateAsync_SpeculativeAndPlainRequestsTogether_EachGivesItsOwnText()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Qwen2, TestQuantization.F16, slots: 4);
        var plain = Greedy(48);
        var (alone, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Repetitive), plain));
        var (other, _) = await CollectAsync(scheduler.GenerateAsync(Prompt("Something else entirely"), plain));

        await using var fresh = CreateScheduler(TestArchitecture.Qwen2, TestQuantization.F16, slots: 4);
        var results = await Task.WhenAll(
            CollectAsync(fresh.GenerateAsync(Prompt(Repetitive), plain with { Speculation = SpeculationOptions.PromptLookup })),
            CollectAsync(fresh.GenerateAsync(Prompt("Something else entirely"), plain)),
            CollectAsync(fresh.GenerateAsync(Prompt(Repetitive), plain with { Speculation = SpeculationOptions.PromptLookup with { MaxDraftTokens = 3 } })));

        Assert.Equal(alone, results[0].Text);
        Assert.Equal(other, results[1].Text);
        Assert.Equal(alone, results[2].Text);
    }

    [Fact]
    public async Task GenerateAsync_MaxTokensWithSpeculation_StopsExactly()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Qwen2, TestQuantization.F16);
        var options = Greedy(10) with
        {
            Speculation = SpeculationOptions.PromptLookup,
            Sampling = SamplingOptions.Greedy with { LogitBias = scheduler.EndOfGenerationTokens.ToDictionary(t => t, _ => float.NegativeInfinity) },
        };

        var (_, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt(Repetitive), options));

        Assert.Equal(10, stats.CompletionTokens);
        Assert.Equal(FinishReason.Length, stats.FinishReason);
    }

    [Fact]
    public void Propose_RepeatedNgram_ReturnsWhatFollowedIt()
    {
        var history = new[] { 1, 2, 3, 4, 5, 9, 1, 2, 3 }.Select(id => (LLama.Native.LLamaToken)id).ToList();

        var draft = PromptLookupProposer.Propose(history, SpeculationOptions.PromptLookup, 3);

        Assert.Equal([4, 5, 9], draft.Select(token => (int)token));
    }
}
