using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Inference;

public sealed class SamplingTests
{
    private const string Prompt = "<|im_start|>user\nSay something long and winding.<|im_end|>\n<|im_start|>assistant\n";

    [Fact]
    public async Task GenerateAsync_EverySamplerEnabled_IsReproducibleAndChangesTheText()
    {
        await using var scheduler = new InferenceScheduler(TestModelHandles.Get(TestArchitecture.Qwen2), new SchedulerOptions { Slots = 2, ContextSize = 512, Threads = 2 }, "tiny");
        var everything = new SamplingOptions
        {
            Temperature = 0.9f,
            TopK = 30,
            TopP = 0.9f,
            MinP = 0.02f,
            TypicalP = 0.95f,
            RepeatPenalty = 1.3f,
            FrequencyPenalty = 0.5f,
            PresencePenalty = 0.5f,
            PenaltyLastN = 32,
            DryMultiplier = 0.8f,
            XtcProbability = 0.5f,
            XtcThreshold = 0.1f,
            LogitBias = new Dictionary<int, float> { [5] = -2f },
            Seed = 7,
        };
        var plain = new SamplingOptions { Temperature = 0.9f, Seed = 7 };

        var a = await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt(Prompt), new GenerationOptions { Sampling = everything, MaxTokens = 40 }));
        var b = await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt(Prompt), new GenerationOptions { Sampling = everything, MaxTokens = 40 }));
        var c = await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt(Prompt), new GenerationOptions { Sampling = plain, MaxTokens = 40 }));

        Assert.Equal(a.Text, b.Text);
        Assert.NotEqual(a.Text, c.Text);
    }

    [Fact]
    public async Task GenerateAsync_FirstGreedyTokenBannedByLogitBias_ChangesTheReply()
    {
        await using var scheduler = new InferenceScheduler(TestModelHandles.Get(TestArchitecture.Qwen2), new SchedulerOptions { Slots = 1, ContextSize = 512, Threads = 2 }, "tiny");
        var greedy = await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt(Prompt), Generation.Greedy(16)));
        var firstToken = scheduler.Tokenize([PromptSegment.Content(greedy.Text)])[0];
        var banned = SamplingOptions.Greedy with { LogitBias = new Dictionary<int, float> { [firstToken] = float.NegativeInfinity } };

        var updates = new List<GenerationUpdate>();
        await foreach (var update in scheduler.GenerateAsync(Generation.Prompt(Prompt), new GenerationOptions { Sampling = banned, MaxTokens = 16 }))
        {
            updates.Add(update);
        }

        Assert.NotEqual(greedy.Text, string.Concat(updates.Select(update => update.Text)));
    }

    [Fact]
    public async Task GenerateAsync_PenaltyWindowsPastTheContext_PenaliseTheWholeContextWithoutAllocatingTheWindow()
    {
        await using var scheduler = new InferenceScheduler(TestModelHandles.Get(TestArchitecture.Qwen2), new SchedulerOptions { Slots = 1, ContextSize = 512, Threads = 2 }, "tiny");
        var wholeContext = new SamplingOptions { Temperature = 0.9f, Seed = 11, RepeatPenalty = 1.3f, PenaltyLastN = -1, DryMultiplier = 0.8f, DryPenaltyLastN = -1 };
        var absurd = wholeContext with { PenaltyLastN = int.MaxValue, DryPenaltyLastN = int.MaxValue };
        var before = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;

        var expected = await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt(Prompt), new GenerationOptions { Sampling = wholeContext, MaxTokens = 24 }));
        var actual = await Generation.CollectAsync(scheduler.GenerateAsync(Generation.Prompt(Prompt), new GenerationOptions { Sampling = absurd, MaxTokens = 24 }));

        Assert.Equal(expected.Text, actual.Text);
        Assert.True(System.Diagnostics.Process.GetCurrentProcess().WorkingSet64 - before < 2L << 30, "a window of int.MaxValue tokens was allocated");
    }

    [Fact]
    public void Validate_OutOfRangeSetting_NamesIt()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SamplingOptions { TopP = 0 }.Validate());

        Assert.Equal("TopP", error.ParamName);
    }
}
