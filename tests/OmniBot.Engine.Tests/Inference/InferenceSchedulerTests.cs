using OmniBot.Engine.Errors;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sampling;
using OmniBot.TestModels;
using static OmniBot.Engine.Tests.Inference.Generation;

namespace OmniBot.Engine.Tests.Inference;

public sealed class InferenceSchedulerTests
{
    private const string Subject = "<|im_start|>user\nTell me a story about a cat and a dog.<|im_end|>\n<|im_start|>assistant\n";

    private static InferenceScheduler CreateScheduler(TestArchitecture architecture, int slots = 4, int context = 512, int queue = 64, TestQuantization quantization = TestQuantization.Q8_0) =>
        new(TestModelHandles.Get(architecture, quantization), new SchedulerOptions { Slots = slots, ContextSize = context, QueueCapacity = queue, Threads = 2 }, "tiny");

    [Theory]
    [InlineData(TestArchitecture.Llama, 1)]
    [InlineData(TestArchitecture.Llama, 3)]
    [InlineData(TestArchitecture.Llama, 7)]
    [InlineData(TestArchitecture.Qwen2, 1)]
    [InlineData(TestArchitecture.Qwen2, 3)]
    [InlineData(TestArchitecture.Qwen2, 7)]
    public async Task GenerateAsync_WithOtherRequestsInOtherSlots_GivesTheSameGreedyText(TestArchitecture architecture, int others)
    {
        string alone;
        await using (var scheduler = CreateScheduler(architecture, slots: 8))
        {
            (alone, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Greedy(48)));
        }

        await using (var scheduler = CreateScheduler(architecture, slots: 8))
        {
            var endless = Greedy(64) with { Sampling = SamplingOptions.Greedy with { LogitBias = EndOfGenerationBanned(scheduler) } };
            var noise = Enumerable.Range(0, others)
                .Select(i => CollectAsync(scheduler.GenerateAsync(Prompt($"<|im_start|>user\nQuestion number {i} is different {i * 7}<|im_end|>\n"), endless)))
                .ToList();
            var target = CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Greedy(48)));
            await Task.WhenAll(noise);

            Assert.Equal(alone, (await target).Text);
            Assert.True(scheduler.Counters.DecodeCalls < scheduler.Counters.DecodedTokens, "the requests were never batched together");
        }

        Assert.True(alone.Length >= 20, $"greedy text too short to compare: {alone}");
    }

    [Theory]
    [InlineData(TestArchitecture.Llama, TestQuantization.Q8_0)]
    [InlineData(TestArchitecture.Llama, TestQuantization.F16)]
    [InlineData(TestArchitecture.Llama, TestQuantization.F32)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.Q8_0)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.F16)]
    [InlineData(TestArchitecture.Qwen2, TestQuantization.F32)]
    public async Task GenerateAsync_SecondTurnSharingAPrefix_EvaluatesOnlyTheNewTokensAndMatchesColdText(TestArchitecture architecture, TestQuantization quantization)
    {
        const string firstTurn = "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi there<|im_end|>\n<|im_start|>assistant\n";
        const string secondTurn = firstTurn + "Hello!<|im_end|>\n<|im_start|>user\nAnd now?<|im_end|>\n<|im_start|>assistant\n";

        string cold;
        await using (var scheduler = CreateScheduler(architecture, quantization: quantization))
        {
            (cold, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(secondTurn), Greedy(32)));
        }

        await using (var scheduler = CreateScheduler(architecture, quantization: quantization))
        {
            var (_, first) = await CollectAsync(scheduler.GenerateAsync(Prompt(firstTurn), Greedy(8)));
            var (warm, second) = await CollectAsync(scheduler.GenerateAsync(Prompt(secondTurn), Greedy(32)));

            var firstTokens = scheduler.Tokenize(Prompt(firstTurn)).Count;
            var secondTokens = scheduler.Tokenize(Prompt(secondTurn)).Count;
            Assert.Equal(0, first.PromptTokensReused);
            Assert.Equal(firstTokens, second.PromptTokensReused);
            Assert.Equal(secondTokens - firstTokens, second.PromptTokensEvaluated);
            Assert.Equal(cold, warm);
        }
    }

    [Fact]
    public async Task GenerateAsync_SamePromptTwice_ReusesAllButTheLastToken()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Qwen2);

        var (first, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Greedy(16)));
        var (second, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Greedy(16)));

        Assert.Equal(first, second);
        Assert.Equal(1, stats.PromptTokensEvaluated);
    }

    [Fact]
    public async Task GenerateAsync_ManyConcurrentRequestsWithRandomCancellations_LeaveTheEngineConsistent()
    {
        string fresh;
        await using (var scheduler = CreateScheduler(TestArchitecture.Llama))
        {
            (fresh, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Greedy(32)));
        }

        await using (var scheduler = CreateScheduler(TestArchitecture.Llama))
        {
            var random = new Random(1234);
            var tasks = Enumerable.Range(0, 32).Select(async i =>
            {
                using var cancellation = new CancellationTokenSource();
                var cancelAfter = random.Next(0, 12);
                var received = 0;
                try
                {
                    await foreach (var update in scheduler.GenerateAsync(Prompt(i % 2 == 0 ? Subject : $"Request {i}"), Greedy(24), cancellation.Token))
                    {
                        if (++received == cancelAfter)
                        {
                            await cancellation.CancelAsync();
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    return true;
                }

                return false;
            }).ToList();
            var cancelled = (await Task.WhenAll(tasks)).Count(wasCancelled => wasCancelled);

            var (after, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Greedy(32)));

            Assert.InRange(cancelled, 1, 31);
            Assert.Equal(fresh, after);
            Assert.Equal(0, scheduler.Counters.QueueLength);
        }
    }

    [Fact]
    public async Task GenerateAsync_AbandonedStream_FreesTheSlotForTheNextRequest()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Llama, slots: 1);

        await foreach (var update in scheduler.GenerateAsync(Prompt(Subject), Greedy(1000)))
        {
            break;
        }

        var (_, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt("Next"), Greedy(4)));
        Assert.Equal(FinishReason.Length, stats.FinishReason);
    }

    [Fact]
    public async Task GenerateAsync_PromptLongerThanTheContext_IsAClearError()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Llama, context: 64);
        var longPrompt = string.Join(' ', Enumerable.Repeat("words", 200));

        var error = await Assert.ThrowsAsync<ContextOverflowException>(
            () => CollectAsync(scheduler.GenerateAsync(Prompt(longPrompt), Greedy(4))));

        Assert.Contains("context", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, error.ContextSize);
    }

    [Fact]
    public async Task GenerateAsync_MaxTokens_StopsWithFinishReasonLength()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Qwen2);

        var (_, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Greedy(5) with { Sampling = SamplingOptions.Greedy with { LogitBias = EndOfGenerationBanned(scheduler) } }));

        Assert.Equal(FinishReason.Length, stats.FinishReason);
        Assert.Equal(5, stats.CompletionTokens);
    }

    [Fact]
    public async Task GenerateAsync_ReplyReachesTheContextEnd_StopsWithLengthInsteadOfFailing()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Llama, context: 48);

        var (_, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Greedy(1000) with { Sampling = SamplingOptions.Greedy with { LogitBias = EndOfGenerationBanned(scheduler) } }));

        Assert.Equal(FinishReason.Length, stats.FinishReason);
        Assert.True(stats.PromptTokens + stats.CompletionTokens <= 48);
    }

    [Fact]
    public async Task GenerateAsync_StopSequenceFromTheGreedyText_EndsBeforeItAndNeverStreamsIt()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Llama);
        var (full, _) = await CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Greedy(40)));
        Assert.True(full.Length >= 6, $"greedy text too short to pick a stop sequence: '{full}'");
        var stop = full.Substring(full.Length / 2, 3);
        var expected = full[..full.IndexOf(stop, StringComparison.Ordinal)];

        var (text, stats) = await CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Greedy(40) with { StopSequences = [stop] }));

        Assert.Equal(expected, text);
        Assert.Equal(FinishReason.StopSequence, stats.FinishReason);
    }

    [Fact]
    public async Task GenerateAsync_QueueFull_RefusesWithBusyError()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Llama, slots: 1, queue: 1);
        var banned = Greedy(100_000) with { Sampling = SamplingOptions.Greedy with { LogitBias = EndOfGenerationBanned(scheduler) } };
        using var cancellation = new CancellationTokenSource();
        var first = scheduler.GenerateAsync(Prompt(Subject), banned, cancellation.Token).GetAsyncEnumerator(cancellation.Token);
        Assert.True(await first.MoveNextAsync());
        var second = scheduler.GenerateAsync(Prompt(Subject), banned, cancellation.Token).GetAsyncEnumerator(cancellation.Token);
        var secondStarted = second.MoveNextAsync();

        await Assert.ThrowsAsync<EngineBusyException>(() => CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Greedy(1))));

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await secondStarted);
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task GenerateAsync_SeededSampling_IsReproducibleAndDiffersAcrossSeeds()
    {
        await using var scheduler = CreateScheduler(TestArchitecture.Qwen2);
        GenerationOptions Seeded(uint seed) => new() { MaxTokens = 24, Sampling = new SamplingOptions { Temperature = 1.0f, Seed = seed, TopK = 0, TopP = 1, MinP = 0 } };

        var a = await CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Seeded(1)));
        var b = await CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Seeded(1)));
        var others = await Task.WhenAll(Enumerable.Range(2, 4).Select(seed => CollectAsync(scheduler.GenerateAsync(Prompt(Subject), Seeded((uint)seed)))));

        Assert.Equal(a.Text, b.Text);
        Assert.Contains(others, other => other.Text != a.Text);
    }

    private static Dictionary<int, float> EndOfGenerationBanned(InferenceScheduler scheduler) =>
        scheduler.EndOfGenerationTokens.ToDictionary(token => token, _ => float.NegativeInfinity);
}
