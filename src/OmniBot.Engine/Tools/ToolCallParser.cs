using System.Text.Json;
using System.Text.RegularExpressions;

namespace OmniBot.Engine.Tools;

/// <summary>
/// Finds the tool calls in a finished reply written in a family's syntax, and the text around them.
/// A reply that only looks like a call (invalid JSON, unknown shape) stays text.
/// </summary>
public static partial class ToolCallParser
{
    public static ToolCallSyntax Detect(string? template)
    {
        if (template is null)
        {
            return ToolCallSyntax.GenericJson;
        }

        bool Has(string marker) => template.Contains(marker, StringComparison.Ordinal);

        // Most specific first: several families mention another family's markers in passing.
        if (Has("tool▁calls▁begin"))
        {
            // V3.1 writes the name before the separator; V2.5, V3 and R1 write the call type ("function") there.
            return Has("['name'] + '<｜tool▁sep｜>'") ? ToolCallSyntax.DeepSeekV31 : ToolCallSyntax.DeepSeek;
        }

        if (Has("<|START_ACTION|>"))
        {
            return ToolCallSyntax.CommandR7B;
        }

        if (Has(">>>all"))
        {
            return ToolCallSyntax.Functionary;
        }

        if (Has("<tool_call>"))
        {
            return ToolCallSyntax.Hermes;
        }

        if (Has("[TOOL_CALLS]"))
        {
            return ToolCallSyntax.Mistral;
        }

        if (Has("Action:") && Has("tool_name"))
        {
            return ToolCallSyntax.CommandRPlus;
        }

        if (Has("functools") || Has("<|tool_call|>"))
        {
            return ToolCallSyntax.Phi4;
        }

        return Has("<|python_tag|>") || Has("Environment: ipython")
            ? ToolCallSyntax.Llama3
            : ToolCallSyntax.GenericJson;
    }

    /// <summary>The calls in <paramref name="reply"/>, and the text that is not part of a call.</summary>
    public static (string Text, IReadOnlyList<ParsedToolCall> Calls) Parse(string reply, ToolCallSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return syntax switch
        {
            ToolCallSyntax.Hermes => ParseHermes(reply),
            ToolCallSyntax.Mistral => ParseAfterMarker(reply, "[TOOL_CALLS]"),
            ToolCallSyntax.Llama3 => ParseAfterMarker(reply, "<|python_tag|>"),
            ToolCallSyntax.Functionary => ParseFunctionary(reply),
            ToolCallSyntax.DeepSeek or ToolCallSyntax.DeepSeekV31 => ParseDeepSeek(reply),
            ToolCallSyntax.CommandRPlus => ParseCommandRPlus(reply),
            ToolCallSyntax.CommandR7B => ParseCommandR7B(reply),
            ToolCallSyntax.Phi4 => ParsePhi4(reply),
            _ => ParseWhole(reply),
        };
    }

    private static (string, IReadOnlyList<ParsedToolCall>) ParseHermes(string reply)
    {
        var calls = new List<ParsedToolCall>();
        var text = new System.Text.StringBuilder(reply.Length);
        var copied = 0;
        foreach (var block in TaggedBlock.FindAll(reply, "<tool_call>", "</tool_call>"))
        {
            var parsed = ReadCalls(block.Inner);
            if (parsed is null)
            {
                continue;
            }

            calls.AddRange(parsed);
            text.Append(reply, copied, block.Start - copied);
            copied = block.Start + block.Length;
        }

        text.Append(reply, copied, reply.Length - copied);
        return (text.ToString().Trim(), calls);
    }

    private static (string, IReadOnlyList<ParsedToolCall>) ParseAfterMarker(string reply, string marker)
    {
        var at = reply.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return ParseWhole(reply);
        }

        var calls = ReadCalls(reply[(at + marker.Length)..]);
        return calls is null ? (reply, []) : (reply[..at].Trim(), calls);
    }

    private static (string, IReadOnlyList<ParsedToolCall>) ParseWhole(string reply)
    {
        var trimmed = reply.Trim();
        if (!trimmed.StartsWith('{') && !trimmed.StartsWith('['))
        {
            return (reply, []);
        }

        var calls = ReadCalls(trimmed);
        return calls is null ? (reply, []) : (string.Empty, calls);
    }

    /// <summary>One call object, a list of them, or several in a row (Llama 3 separates them with semicolons).</summary>
    internal static List<ParsedToolCall>? ReadCalls(string json)
    {
        var calls = new List<ParsedToolCall>();
        var normalized = SemicolonBetweenObjects().Replace(json.Trim(), "} {");
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(normalized), new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = MaxCallDepth });
        try
        {
            while (reader.Read())
            {
                if (!AddCalls(JsonElement.ParseValue(ref reader), calls))
                {
                    return null;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return calls.Count > 0 ? calls : null;
    }

    /// <summary>A list of calls, each with arguments nested at most this deep; deeper output is not a call (the reader stops there).</summary>
    private const int MaxCallDepth = 64;

    /// <summary>One call object, or a flat list of them: no syntax nests lists of calls, so nothing here recurses.</summary>
    private static bool AddCalls(JsonElement value, List<ParsedToolCall> calls) =>
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.Object && AddCall(item, calls))
            : AddCall(value, calls);

    private static bool AddCall(JsonElement value, List<ParsedToolCall> calls)
    {
        if (value.ValueKind != JsonValueKind.Object
            || !(value.TryGetProperty("name", out var name) || value.TryGetProperty("tool_name", out name))
            || name.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var arguments = value.TryGetProperty("arguments", out var args) ? args
            : value.TryGetProperty("parameters", out var parameters) ? parameters
            : JsonDocument.Parse("{}").RootElement;

        // Some models write the arguments as a JSON string.
        if (arguments.ValueKind == JsonValueKind.String)
        {
            try
            {
                arguments = JsonDocument.Parse(arguments.GetString()!).RootElement;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        calls.Add(new ParsedToolCall(name.GetString()!, arguments.Clone()));
        return true;
    }

    [GeneratedRegex(@"\}\s*;\s*\{")]
    private static partial Regex SemicolonBetweenObjects();
}
