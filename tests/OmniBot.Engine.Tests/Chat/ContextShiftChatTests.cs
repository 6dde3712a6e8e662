using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Tests.Inference;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Chat;

/// <summary>llama.cpp's <c>n_keep</c> (Ollama's <c>num_predict</c> -1): a reply that fills the context shifts it and goes on.</summary>
public sealed class ContextShiftChatTests
{
    [Fact]
    public async Task GetResponseAsync_WithNKeep_GoesOnPastAFullContext()
    {
        await using var scheduler = new InferenceScheduler(TestModelHandles.Get(TestArchitecture.Qwen2), new SchedulerOptions { Slots = 1, ContextSize = 128, Threads = 2 }, "tiny-test");
        using var client = new LlamaChatClient(scheduler);
        var noEnd = new AdditionalPropertiesDictionary { ["logit_bias"] = scheduler.EndOfGenerationTokens.ToDictionary(token => token, _ => float.NegativeInfinity) };
        ChatMessage[] messages = [new(ChatRole.User, "Talk")];

        var stopping = await client.GetResponseAsync(messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 300, AdditionalProperties = noEnd });
        var shifting = await client.GetResponseAsync(messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 300, AdditionalProperties = new(noEnd) { ["n_keep"] = 4 } });

        Assert.True(stopping.Usage!.OutputTokenCount < 128, $"{stopping.Usage.OutputTokenCount} tokens");
        Assert.Equal(300, shifting.Usage!.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, shifting.FinishReason);
    }
}
