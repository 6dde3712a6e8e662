using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OmniBot.Web.Chat;
using OmniBot.Web.Persistence;

namespace OmniBot.Tests.Web.Chat;

public sealed class ReplyAccumulatorTests
{
    [Fact]
    public async Task Add_ToolRoundTripThroughFunctionInvocation_RecordsTheCallWithTheCalculatorsResult()
    {
        // A callback fake above the engine: first a call to the calculator, then (seeing the result) the answer.
        using var model = new CallbackChatClient((messages, _) => messages.Any(message => message.Role == ChatRole.Tool)
            ? [new ChatResponseUpdate(ChatRole.Assistant, "It is 5.") { FinishReason = ChatFinishReason.Stop }]
            : [new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call_1", "calculate", new Dictionary<string, object?> { ["expression"] = "2 + 3" })])]);
        using var client = new FunctionInvokingChatClient(model);
        var options = ChatOptionsFactory.Create(new ConversationSettings { ToolsEnabled = true }, OmniBot.Web.Backends.BackendKind.LlamaCpp, "m", new DemoTools(TimeProvider.System).All);
        var accumulator = new ReplyAccumulator();

        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "2+3?")], options))
        {
            accumulator.Add(update, TimeSpan.FromMilliseconds(10));
        }

        var reply = accumulator.ApplyTo(new MessageRecord { ConversationId = "c", Role = MessageRole.Assistant });
        Assert.Equal("It is 5.", reply.Content);
        var call = Assert.Single(reply.ToolCalls);
        Assert.Equal(("calculate", "5"), (call.Name, call.Result));
        Assert.Contains("2 + 3", call.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_FinalUpdateWithUsageAndTimings_AreTakenFromTheBackend()
    {
        var accumulator = new ReplyAccumulator();
        accumulator.Add(new ChatResponseUpdate(ChatRole.Assistant, [new TextReasoningContent("hmm")]), TimeSpan.FromMilliseconds(40));
        accumulator.Add(new ChatResponseUpdate(ChatRole.Assistant, "Hi"), TimeSpan.FromMilliseconds(50));
        accumulator.Add(
            new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 30, OutputTokenCount = 4, CachedInputTokenCount = 20 })])
            {
                FinishReason = ChatFinishReason.Length,
                AdditionalProperties = new AdditionalPropertiesDictionary { ["time_to_first_token_ms"] = 33.0, ["completion_tokens_per_second"] = 80.0 },
            },
            TimeSpan.FromMilliseconds(90));

        var stats = accumulator.Stats(TimeSpan.FromMilliseconds(100));
        var reply = accumulator.ApplyTo(new MessageRecord { ConversationId = "c", Role = MessageRole.Assistant });

        Assert.Equal((30L, 4L, 20L, 33.0, 80.0, "length"), (stats.InputTokens!.Value, stats.OutputTokens!.Value, stats.CachedInputTokens!.Value, stats.TimeToFirstTokenMs!.Value, stats.TokensPerSecond!.Value, stats.FinishReason));
        Assert.Equal(("Hi", "hmm"), (reply.Content, reply.Reasoning));
    }

    [Fact]
    public void Stats_BackendWithoutTimings_AreMeasured()
    {
        var accumulator = new ReplyAccumulator();
        accumulator.Add(new ChatResponseUpdate(ChatRole.Assistant, "Hi"), TimeSpan.FromMilliseconds(200));
        accumulator.Add(new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { OutputTokenCount = 10 })]), TimeSpan.FromMilliseconds(1200));

        var stats = accumulator.Stats(TimeSpan.FromMilliseconds(1200));

        Assert.Equal(200, stats.TimeToFirstTokenMs);
        Assert.Equal(10, stats.TokensPerSecond!.Value, precision: 6);
    }

    private sealed class CallbackChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponseUpdate[]> reply) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in reply([.. messages], options))
            {
                await Task.Yield();
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
