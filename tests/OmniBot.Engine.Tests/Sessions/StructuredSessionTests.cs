using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Sessions;
using OmniBot.Engine.Tests.Inference;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Sessions;

public sealed class StructuredSessionTests
{
    public sealed record Answer(bool Agree, int Confidence);

    private static InferenceScheduler CreateScheduler() =>
        new(TestModelHandles.Get(TestArchitecture.Qwen2), new SchedulerOptions { Slots = 2, ContextSize = 2048, Threads = 2 }, "tiny");

    [Fact]
    public async Task PromptAsyncOfT_ReturnsATypedObjectAndKeepsTheHistory()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var session = new LlamaChatSession(client, null, new ChatOptions { Temperature = 0.7f, Seed = 3, MaxOutputTokens = 100 });

        var answer = await session.PromptAsync<Answer>("Do you agree?");

        Assert.NotNull(answer);
        Assert.Equal(2, session.History.Count);
        Assert.Equal(answer, JsonSerializer.Deserialize<Answer>(session.History[^1].Text, AIJsonUtilities.DefaultOptions));
    }

    [Fact]
    public async Task PromptAsyncOfT_CutOffByTheTokenLimit_IsAClearError()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var session = new LlamaChatSession(client, null, new ChatOptions { Temperature = 0.7f, Seed = 3, MaxOutputTokens = 2 });

        var error = await Assert.ThrowsAsync<LlamaEngineException>(() => session.PromptAsync<Answer>("Do you agree?"));

        Assert.Contains("MaxOutputTokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromptAsync_Schema_ConstrainsTheReply()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var session = new LlamaChatSession(client, null, new ChatOptions { Temperature = 1.0f, Seed = 9, MaxOutputTokens = 80 });
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false}""").RootElement;

        var reply = await session.PromptAsync("Ok?", new PromptOptions { Schema = schema });

        using var json = JsonDocument.Parse(reply);
        Assert.Contains(json.RootElement.GetProperty("ok").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
    }

    [Fact]
    public async Task PromptAsync_Functions_AreCalledByTheSessionWithTypedArguments()
    {
        await using var scheduler = CreateScheduler();
        using var client = new LlamaChatClient(scheduler);
        var session = new LlamaChatSession(client, null, new ChatOptions { Temperature = 0, MaxOutputTokens = 300, ToolMode = ChatToolMode.RequireAny });
        var calls = new List<int>();
        session.Functions.Add(AIFunctionFactory.Create((int count) => { calls.Add(count); return $"counted {count}"; }, "count_items", "Counts items"));

        await session.PromptAsync("How many?");

        Assert.NotEmpty(calls);
        Assert.Contains(session.History, message => message.Contents.OfType<FunctionResultContent>().Any());
    }
}
