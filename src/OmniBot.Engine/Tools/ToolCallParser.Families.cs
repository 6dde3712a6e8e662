using System.Text.Json;
using System.Text.RegularExpressions;

namespace OmniBot.Engine.Tools;

/// <summary>The families whose calls are not plain JSON after one marker.</summary>
public static partial class ToolCallParser
{
    private const string PhiOpener = "functools";

    /// <summary>Functionary: the prompt ends with <c>&gt;&gt;&gt;</c>, so the reply starts with its first recipient.</summary>
    private static (string, IReadOnlyList<ParsedToolCall>) ParseFunctionary(string reply)
    {
        var text = new System.Text.StringBuilder();
        var calls = new List<ParsedToolCall>();
        foreach (var part in reply.Split(">>>"))
        {
            var newline = part.IndexOf('\n', StringComparison.Ordinal);
            var recipient = (newline < 0 ? part : part[..newline]).Trim();
            var content = newline < 0 ? string.Empty : part[(newline + 1)..];
            if (recipient.Length == 0 && content.Length == 0)
            {
                continue;
            }

            if (recipient == "all")
            {
                text.Append(content);
                continue;
            }

            if (newline < 0 || !TryReadArguments(content, out var arguments))
            {
                // Not a call after all: keep what the model wrote.
                text.Append(part);
                continue;
            }

            calls.Add(new ParsedToolCall(recipient, arguments));
        }

        return (text.ToString().Trim(), calls);
    }

    private static (string, IReadOnlyList<ParsedToolCall>) ParseDeepSeek(string reply)
    {
        var begin = reply.IndexOf(ToolCallMarkers.DeepSeekCallsBegin, StringComparison.Ordinal);
        if (begin < 0)
        {
            return (reply, []);
        }

        var calls = new List<ParsedToolCall>();
        foreach (var block in TaggedBlock.FindAll(reply, ToolCallMarkers.DeepSeekCallBegin, ToolCallMarkers.DeepSeekCallEnd, begin))
        {
            var body = block.Inner;
            var separator = body.IndexOf(ToolCallMarkers.DeepSeekSeparator, StringComparison.Ordinal);
            if (separator < 0)
            {
                return (reply, []);
            }

            var head = body[..separator].Trim();
            var tail = body[(separator + ToolCallMarkers.DeepSeekSeparator.Length)..];
            string name;
            string json;
            if (head == "function")
            {
                // V2.5 / V3 / R1: the name, a newline, then the arguments in a fenced JSON block.
                var newline = tail.IndexOf('\n', StringComparison.Ordinal);
                name = (newline < 0 ? tail : tail[..newline]).Trim();
                json = newline < 0 ? string.Empty : StripFence(tail[(newline + 1)..]);
            }
            else
            {
                name = head;
                json = tail;
            }

            if (name.Length == 0 || !TryReadArguments(json, out var arguments))
            {
                return (reply, []);
            }

            calls.Add(new ParsedToolCall(name, arguments));
        }

        return calls.Count == 0 ? (reply, []) : (reply[..begin].Trim(), calls);
    }

    private static (string, IReadOnlyList<ParsedToolCall>) ParseCommandRPlus(string reply)
    {
        var at = reply.IndexOf("Action:", StringComparison.Ordinal);
        if (at < 0)
        {
            return ParseWhole(reply);
        }

        var calls = ReadCalls(StripFence(reply[(at + "Action:".Length)..]));
        return calls is null ? (reply, []) : (reply[..at].Trim(), calls);
    }

    private static (string, IReadOnlyList<ParsedToolCall>) ParseCommandR7B(string reply)
    {
        var action = TaggedBlock.FindFirst(reply, "<|START_ACTION|>", "<|END_ACTION|>");
        var text = CommandRMarkers().Replace(action is { } found ? reply.Remove(found.Start, found.Length) : reply, string.Empty).Trim();
        if (action is null)
        {
            return (text, []);
        }

        var calls = ReadCalls(action.Value.Inner);
        return calls is null ? (reply, []) : (text, calls);
    }

    private static (string, IReadOnlyList<ParsedToolCall>) ParsePhi4(string reply)
    {
        if (TaggedBlock.FindFirst(reply, "<|tool_call|>", "<|/tool_call|>") is { } tagged)
        {
            var taggedCalls = ReadCalls(tagged.Inner);
            return taggedCalls is null ? (reply, []) : (reply.Remove(tagged.Start, tagged.Length).Trim(), taggedCalls);
        }

        var at = reply.IndexOf(PhiOpener, StringComparison.Ordinal);
        if (at < 0)
        {
            return ParseWhole(reply);
        }

        var calls = ReadCalls(reply[(at + PhiOpener.Length)..]);
        return calls is null ? (reply, []) : (reply[..at].Trim(), calls);
    }

    private static bool TryReadArguments(string json, out JsonElement arguments)
    {
        arguments = default;
        try
        {
            using var document = JsonDocument.Parse(json.Trim());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            arguments = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string StripFence(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            var newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
            trimmed = newline < 0 ? string.Empty : trimmed[(newline + 1)..];
        }

        var fence = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return (fence >= 0 ? trimmed[..fence] : trimmed).Trim();
    }

    [GeneratedRegex(@"<\|(START|END)_(RESPONSE|THINKING)\|>")]
    private static partial Regex CommandRMarkers();
}
