using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Api.Ollama.Chat;
using OmniBot.Engine.Inference;

namespace OmniBot.Api.Ollama.Streaming;

/// <summary>Turns the engine's streams (chat updates, raw completion updates) into Ollama reply parts.</summary>
internal static class OllamaReplySources
{
    public static async IAsyncEnumerable<OllamaReplyPart> FromChat(IAsyncEnumerable<ChatResponseUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var callIndex = 0;
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var text = new StringBuilder();
            var thinking = new StringBuilder();
            List<OllamaToolCall>? calls = null;
            UsageDetails? usage = null;
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case TextReasoningContent reasoning:
                        thinking.Append(reasoning.Text);
                        break;
                    case TextContent answer:
                        text.Append(answer.Text);
                        break;
                    case FunctionCallContent call:
                        (calls ??= []).Add(ToolCall(call, callIndex++));
                        break;
                    case UsageContent used:
                        usage = used.Details;
                        break;
                }
            }

            if (text.Length > 0 || thinking.Length > 0 || calls is not null)
            {
                yield return new OllamaReplyPart(text.ToString(), thinking.Length > 0 ? thinking.ToString() : null, calls);
            }

            if (update.FinishReason is { } reason)
            {
                var end = new OllamaReplyEnd(reason == ChatFinishReason.Length ? "length" : "stop", usage ?? new UsageDetails(), TimeToFirstToken(update), null);
                yield return new OllamaReplyPart(string.Empty, End: end);
            }
        }
    }

    public static async IAsyncEnumerable<OllamaReplyPart> FromCompletion(IAsyncEnumerable<GenerationUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (update.Text.Length > 0)
            {
                yield return new OllamaReplyPart(update.Text);
            }

            if (update.Stats is { } stats)
            {
                var usage = new UsageDetails
                {
                    InputTokenCount = stats.PromptTokens,
                    OutputTokenCount = stats.CompletionTokens,
                    TotalTokenCount = stats.PromptTokens + stats.CompletionTokens,
                    CachedInputTokenCount = stats.PromptTokensReused,
                };
                var reason = stats.FinishReason == FinishReason.Length ? "length" : "stop";
                yield return new OllamaReplyPart(string.Empty, End: new OllamaReplyEnd(reason, usage, stats.TimeToFirstToken, stats.GenerationTime));
            }
        }
    }

    private static OllamaToolCall ToolCall(FunctionCallContent call, int index) => new()
    {
        Id = call.CallId,
        Function = new OllamaFunctionCall
        {
            Index = index,
            Name = call.Name,
            Arguments = JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions),
        },
    };

    private static TimeSpan TimeToFirstToken(ChatResponseUpdate update) =>
        update.AdditionalProperties?.TryGetValue("time_to_first_token_ms", out var value) == true && value is double milliseconds
            ? TimeSpan.FromMilliseconds(milliseconds)
            : TimeSpan.Zero;
}
