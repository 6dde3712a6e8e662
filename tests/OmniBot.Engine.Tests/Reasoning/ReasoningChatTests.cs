using LLama.Native;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Runtime;
using OmniBot.Engine.Sampling;
using OmniBot.TestModels;
using OmniBot.TestModels.Gguf;

namespace OmniBot.Engine.Tests.Reasoning;

/// <summary>A reasoning template (it opens &lt;think&gt; for the reply) on a synthetic model.</summary>
public sealed class ReasoningChatTests : IDisposable
{
    private const string ThinkingTemplate =
        "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}" +
        "{% if add_generation_prompt %}<|im_start|>assistant\n<think>\n{% endif %}";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"omnibot-reasoning-{Guid.NewGuid():N}.gguf");
    private readonly SafeLlamaModelHandle _model;

    public ReasoningChatTests()
    {
        var writer = TestModelBuilder.CreateWriter(TestModelSpec.Tiny(TestArchitecture.Qwen2), GgufTensorType.F32);
        writer.Set("tokenizer.chat_template", GgufMetadataValue.String(ThinkingTemplate));
        writer.WriteTo(_path);
        LlamaRuntime.EnsureInitialized();
        _model = SafeLlamaModelHandle.LoadFromFile(_path, LLamaModelParams.Default());
    }

    public void Dispose()
    {
        _model.Dispose();
        File.Delete(_path);
    }

    [Fact]
    public async Task GetResponseAsync_ThinkingBudget_ClosesTheThinkingAndTheRestIsTheAnswer()
    {
        await using var scheduler = new InferenceScheduler(_model, new SchedulerOptions { Slots = 1, ContextSize = 256, Threads = 2 }, "tiny-reasoner");
        using var client = new LlamaChatClient(scheduler, new LlamaChatClientOptions { ThinkingBudget = 6 });
        var options = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = 40,
            AdditionalProperties = new() { ["logit_bias"] = scheduler.EndOfGenerationTokens.ToDictionary(token => token, _ => float.NegativeInfinity) },
        };

        var response = await client.GetResponseAsync("What is 2+2?", options);

        var contents = response.Messages.Single().Contents;
        var reasoning = string.Concat(contents.OfType<TextReasoningContent>().Select(content => content.Text));
        Assert.NotEmpty(reasoning);
        Assert.NotEmpty(response.Text);
        Assert.DoesNotContain("</think>", reasoning, StringComparison.Ordinal);
        Assert.DoesNotContain("</think>", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_NoBudget_StreamsEverythingAsThinkingUntilTheModelCloses()
    {
        await using var scheduler = new InferenceScheduler(_model, new SchedulerOptions { Slots = 1, ContextSize = 256, Threads = 2 }, "tiny-reasoner");
        using var client = new LlamaChatClient(scheduler, new LlamaChatClientOptions { DefaultSampling = SamplingOptions.Greedy });

        var updates = await client.GetStreamingResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 12 }).ToListAsync();

        Assert.Contains(updates, update => update.Contents.OfType<TextReasoningContent>().Any());
    }
}
