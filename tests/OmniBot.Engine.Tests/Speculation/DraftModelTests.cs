using OmniBot.Engine.Errors;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Speculation;
using OmniBot.Engine.Tests.Inference;
using OmniBot.TestModels;
using static OmniBot.Engine.Tests.Inference.Generation;

namespace OmniBot.Engine.Tests.Speculation;

public sealed class DraftModelTests
{
    private const string Story = "<|im_start|>user\nTell me a long story about a lighthouse keeper.<|im_end|>\n<|im_start|>assistant\n";

    // Every step drafts: these check verification, not whether drafting pays on this machine.
    private static readonly SpeculationOptions Draft = new() { Mode = SpeculationMode.DraftModel, MaxDraftTokens = 4, AdaptiveLength = false };

    private static InferenceScheduler CreateScheduler(TestArchitecture architecture, TestQuantization draftQuantization, int slots = 2) =>
        new(TestModelHandles.Get(architecture, TestQuantization.F16), new SchedulerOptions { Slots = slots, ContextSize = 512, Threads = 2 }, "tiny", null, TestModelHandles.Get(architecture, draftQuantization));

    [Theory]
    [InlineData(TestArchitecture.Llama, TestQuantization.Q8_0)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.Q8_0)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.F16)]
    public async Task GenerateAsync_GreedyWithADraftModel_GivesTheSameTextAndAcceptsGuesses(TestArchitecture architecture, TestQuantization draftQuantization)
    {
        await using var scheduler = CreateScheduler(architecture, draftQuantization);

        var (expected, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Story), Greedy(64)));
        var (actual, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt(Story), Greedy(64) with { Speculation = Draft }));

        Assert.Equal(expected, actual);
        Assert.True(stats.DraftTokens > 0);
        Assert.True(stats.AcceptedDraftTokens > stats.DraftTokens / 4, $"accepted {stats.AcceptedDraftTokens} of {stats.DraftTokens}");
    }

    [Fact]
    public async Task GenerateAsync_SeveralSlotsDraftingTogether_EachGivesItsPlainText()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Qwen2, TestQuantization.Q8_0, slots: 4);
        var prompts = Enumerable.Range(0, 4).Select(i => $"<|im_start|>user\nStory number {i} about {i * 3} ships<|im_end|>\n<|im_start|>assistant\n").ToList();
        var plain = new List<string>();
        foreach (var prompt in prompts)
        {
            plain.Add((await CollectAsync(scheduler.GenerateAsync(Prompt(prompt), Greedy(40)))).Text);
        }

        await using var fresh = CreateScheduler(TestArchitecture.Qwen2, TestQuantization.Q8_0, slots: 4);
        var speculative = await Task.WhenAll(prompts.Select(prompt => CollectAsync(fresh.GenerateAsync(Prompt(prompt), Greedy(40) with { Speculation = Draft }))));

        Assert.Equal(plain, speculative.Select(result => result.Text));
    }

    [Fact]
    public async Task GenerateAsync_AdaptiveDraftLength_GivesThePlainText()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Llama, TestQuantization.Q8_0);

        var (expected, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Story), Greedy(96)));
        var (actual, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt(Story), Greedy(96) with { Speculation = Draft with { AdaptiveLength = true, MaxDraftTokens = 8 } }));

        Assert.Equal(expected, actual);
        Assert.InRange(stats.AcceptedDraftTokens, 0, stats.DraftTokens);
    }

    [Fact]
    public async Task GenerateAsync_DraftModeWithoutADraftModel_IsAClearError()
    {
        await using var scheduler = new InferenceScheduler(TestModelHandles.Get(TestArchitecture.Qwen2), new SchedulerOptions { Slots = 1, ContextSize = 256, Threads = 2 }, "tiny");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => CollectAsync(scheduler.GenerateAsync(Prompt(Story), Greedy(4) with { Speculation = Draft })));

        Assert.Contains("draft model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DraftWithAnotherVocabulary_IsRefused()
    {
        var spec = TestModelSpec.Tiny(TestArchitecture.Qwen2) with { Name = "tiny-qwen2-wide-vocab", VocabSize = 640 };
        using var other = LLama.Native.SafeLlamaModelHandle.LoadFromFile(TestModelFiles.GetPath(spec, TestQuantization.F32), LLama.Native.LLamaModelParams.Default());

        var error = Assert.Throws<LlamaEngineException>(() =>
            new InferenceScheduler(TestModelHandles.Get(TestArchitecture.Qwen2), new SchedulerOptions { Slots = 1, ContextSize = 256, Threads = 2 }, "tiny", null, other));

        Assert.Contains("vocabulary", error.Message, StringComparison.Ordinal);
    }
}
