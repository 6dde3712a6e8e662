using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Web.Persistence;

namespace OmniBot.Web.Chat;

/// <summary>Collects a streamed reply: its text, reasoning, tool calls with results, usage and timings.</summary>
public sealed class ReplyAccumulator
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _reasoning = new();
    private readonly List<ToolCallRecord> _toolCalls = [];
    private long? _inputTokens;
    private long? _outputTokens;
    private long? _cachedTokens;
    private double? _reportedTimeToFirstToken;
    private double? _reportedTokensPerSecond;
    private TimeSpan? _firstToken;
    private ChatFinishReason? _finishReason;

    /// <summary>Adds an update that arrived <paramref name="elapsed"/> after the request was sent.</summary>
    public void Add(ChatResponseUpdate update, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(update);
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    _firstToken ??= elapsed;
                    _text.Append(text.Text);
                    break;
                case TextReasoningContent reasoning:
                    _firstToken ??= elapsed;
                    _reasoning.Append(reasoning.Text);
                    break;
                case FunctionCallContent call:
                    _toolCalls.Add(new ToolCallRecord(call.CallId, call.Name, JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions), null));
                    break;
                case FunctionResultContent result:
                    var index = _toolCalls.FindIndex(call => call.CallId == result.CallId);
                    if (index >= 0)
                    {
                        _toolCalls[index] = _toolCalls[index] with { Result = ResultText(result) };
                    }

                    break;
                case UsageContent usage:
                    _inputTokens = Add(_inputTokens, usage.Details.InputTokenCount);
                    _outputTokens = Add(_outputTokens, usage.Details.OutputTokenCount);
                    _cachedTokens = Add(_cachedTokens, usage.Details.CachedInputTokenCount);
                    break;
            }
        }

        _finishReason = update.FinishReason ?? _finishReason;
        if (update.AdditionalProperties is { } extra)
        {
            _reportedTimeToFirstToken ??= Number(extra, "time_to_first_token_ms");
            _reportedTokensPerSecond = Number(extra, "completion_tokens_per_second") ?? _reportedTokensPerSecond;
        }
    }

    public int TextLength => _text.Length;

    /// <summary>The usage of the reply so far, for the server's metrics.</summary>
    public UsageDetails Usage => new() { InputTokenCount = _inputTokens, OutputTokenCount = _outputTokens, CachedInputTokenCount = _cachedTokens };

    /// <summary><paramref name="message"/> with the reply's text, reasoning and tool calls so far.</summary>
    public MessageRecord ApplyTo(MessageRecord message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with
        {
            Content = _text.ToString(),
            Reasoning = _reasoning.Length > 0 ? _reasoning.ToString() : null,
            ToolCalls = [.. _toolCalls],
        };
    }

    /// <summary>The reply's stats once it ended <paramref name="duration"/> after the request; backend-reported timings win over measured ones.</summary>
    public MessageStats Stats(TimeSpan duration)
    {
        var timeToFirstToken = _reportedTimeToFirstToken ?? _firstToken?.TotalMilliseconds;
        var generating = duration.TotalSeconds - ((timeToFirstToken ?? 0) / 1000);
        return new MessageStats
        {
            InputTokens = _inputTokens,
            OutputTokens = _outputTokens,
            CachedInputTokens = _cachedTokens,
            TimeToFirstTokenMs = timeToFirstToken,
            TokensPerSecond = _reportedTokensPerSecond ?? (_outputTokens is > 0 and var tokens && generating > 0 ? tokens / generating : null),
            DurationMs = duration.TotalMilliseconds,
            FinishReason = _finishReason?.Value,
        };
    }

    private static long? Add(long? total, long? more) => more is null ? total : (total ?? 0) + more;

    private static double? Number(AdditionalPropertiesDictionary extra, string key) =>
        extra.TryGetValue(key, out var value) && value is not null
            ? value switch
            {
                JsonElement { ValueKind: JsonValueKind.Number } element => element.GetDouble(),
                IConvertible convertible => convertible.ToDouble(CultureInfo.InvariantCulture),
                _ => null,
            }
            : null;

    private static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null => result.Exception?.Message ?? "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions),
    };
}
