using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Grammar;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Tests.Inference;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.StructuredOutput;

public sealed class StructuredChatTests
{
    private static InferenceScheduler CreateScheduler() =>
        new(TestModelHandles.Get(TestArchitecture.Qwen2), new SchedulerOptions { Slots = 4, ContextSize = 1024, Threads = 2 }, "tiny");

    public sealed record Pet(string Name, int Age, bool Vaccinated);

    private static ChatOptions Sampled(int seed) => new() { Temperature = 1.0f, TopK = 0, TopP = 1, Seed = seed, MaxOutputTokens = 200, AdditionalProperties = new() { ["min_p"] = 0f } };

    [Fact]
    public async Task GetResponseAsync_JsonMode_AlwaysReturnsAJsonObject()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var options = Sampled(3);
        options.ResponseFormat = ChatResponseFormat.Json;

        for (var seed = 0; seed < 20; seed++)
        {
            options.Seed = seed;
            var response = await client.GetResponseAsync("Describe a cat as JSON.", options);
            if (response.FinishReason == ChatFinishReason.Length)
            {
                continue;
            }

            using var json = JsonDocument.Parse(response.Text);
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task GetResponseAsyncOfT_TypedResult_IsAValidObjectEveryTime()
    {
        await using var scheduler = CreateScheduler();
        using IChatClient client = new LlamaChatClient(scheduler);
        var completed = 0;

        for (var seed = 0; seed < 30; seed++)
        {
            var response = await client.GetResponseAsync<Pet>("Give me a pet.", Sampled(seed));
            if (response.FinishReason == ChatFinishReason.Length)
            {
                Assert.ThrowsAny<Exception>(() => { _ = response.Result; });
                continue;
            }

            var pet = response.Result;
            Assert.NotNull(pet.Name);
            completed++;
        }

        Assert.True(completed > 0, "no typed reply completed within the token limit");
    }

    [Fact]
    public async Task GetResponseAsync_CutOffByTheTokenLimit_ReportsLength()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var options = Sampled(1);
        options.MaxOutputTokens = 2;
        options.ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object","properties":{"text":{"type":"string","maxLength":50}},"required":["text"]}""").RootElement);

        var response = await client.GetResponseAsync("Say something.", options);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_RawGbnfGrammar_IsFollowed()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var options = Sampled(5);
        options.AdditionalProperties!["grammar"] = "root ::= (\"yes\" | \"no\") \".\"";

        var response = await client.GetResponseAsync("Answer.", options);

        Assert.Contains(response.Text, new[] { "yes.", "no." });
    }

    [Fact]
    public async Task GetResponseAsync_InvalidRawGrammar_IsAClearErrorBeforeGenerating()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var options = new ChatOptions { AdditionalProperties = new() { ["grammar"] = "root ::= missing-rule" } };

        await Assert.ThrowsAsync<GbnfParseException>(() => client.GetResponseAsync("Answer.", options));
        Assert.Equal(0, scheduler.Counters.Requests);
    }
}
