using OmniBot.Engine.Inference;
using OmniBot.TestModels;
using static OmniBot.Engine.Tests.Inference.Generation;

namespace OmniBot.Engine.Tests.Inference;

public sealed class PersistentPromptCacheTests : IDisposable
{
    private const string LongSystem = "<|im_start|>system\nYou are a careful assistant. You answer questions about animals, plants, weather, rivers, mountains and cities with precise and friendly detail, and you always explain your reasoning in short sentences.<|im_end|>\n";
    private const string Question = LongSystem + "<|im_start|>user\nWhat do owls eat?<|im_end|>\n<|im_start|>assistant\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("omnibot-kvcache-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private InferenceScheduler CreateScheduler(TestArchitecture architecture = TestArchitecture.Qwen2, long maxBytes = 1L << 30) =>
        new(TestModelHandles.Get(architecture, TestQuantization.F16), new SchedulerOptions
        {
            Slots = 2, ContextSize = 512, Threads = 2,
            PromptCacheDirectory = _directory, PromptCacheMinTokens = 32, PromptCacheMaxBytes = maxBytes,
        }, "tiny");

    [Fact]
    public async Task GenerateAsync_AfterARestart_StartsFromTheSavedPromptAndGivesTheColdText()
    {
        string cold;
        await using (var first = CreateScheduler())
        {
            (cold, _) = await CollectAsync(first.GenerateAsync(Prompt(Question), Greedy(16)));
        }

        Assert.NotEmpty(Directory.GetFiles(_directory, "*.kvcache"));
        await using var restarted = CreateScheduler();

        var (warm, stats) = await CollectAsync(restarted.GenerateAsync(Prompt(Question), Greedy(16)));

        Assert.Equal(cold, warm);
        Assert.Equal(stats.PromptTokens - 1, stats.PromptTokensReused);
        Assert.True(restarted.Counters.DiskCacheTokens > 0);
    }

    [Fact]
    public async Task GenerateAsync_DamagedOrForeignCacheFiles_AreIgnored()
    {
        await using (var llama = CreateScheduler(TestArchitecture.Llama))
        {
            await CollectAsync(llama.GenerateAsync(Prompt(Question), Greedy(4)));
        }

        await File.WriteAllBytesAsync(Path.Combine(_directory, "broken.kvcache"), [1, 2, 3, 4]);
        await using var qwen = CreateScheduler(TestArchitecture.Qwen2);

        var (_, stats) = await CollectAsync(qwen.GenerateAsync(Prompt(Question), Greedy(4)));

        Assert.Equal(0, stats.PromptTokensReused);
        Assert.Equal(0, qwen.Counters.DiskCacheTokens);
    }

    [Fact]
    public async Task Save_OverTheSizeCap_RemovesTheLeastRecentlyUsedEntries()
    {
        await using var scheduler = CreateScheduler(maxBytes: 1);

        await CollectAsync(scheduler.GenerateAsync(Prompt(Question), Greedy(4)));
        await CollectAsync(scheduler.GenerateAsync(Prompt(LongSystem + "<|im_start|>user\nAnd something completely different about trains and ships?<|im_end|>\n"), Greedy(4)));

        Assert.Empty(Directory.GetFiles(_directory, "*.kvcache"));
    }
}
