using OmniBot.Engine.Tools;

namespace OmniBot.Engine.Tests.Tools;

/// <summary>Model output is outside data: a reply nested 100,000 deep or full of unclosed markers stays text, quickly.</summary>
public sealed class HostileToolCallTests
{
    private const int Levels = 100_000;

    private static string Repeat(string text, int count = Levels) => string.Concat(Enumerable.Repeat(text, count));

    private static string DeepArray => Repeat("[") + Repeat("]");

    private static string DeepObject => Repeat("{\"a\":") + "1" + Repeat("}");

    public static TheoryData<ToolCallSyntax, string> DeepReplies()
    {
        var data = new TheoryData<ToolCallSyntax, string>();
        foreach (var syntax in Enum.GetValues<ToolCallSyntax>())
        {
            foreach (var shape in new[] { "array", "object", "arguments", "string arguments" })
            {
                // These families take the arguments object itself, where a JSON string is not a nested value.
                if (shape == "string arguments" && syntax is ToolCallSyntax.Functionary or ToolCallSyntax.DeepSeek or ToolCallSyntax.DeepSeekV31)
                {
                    continue;
                }

                data.Add(syntax, shape);
            }
        }

        return data;
    }

    private static string Deep(string shape) => shape switch
    {
        "array" => DeepArray,
        "object" => DeepObject,
        "arguments" => "{\"name\": \"f\", \"arguments\": " + DeepObject + "}",
        _ => "{\"name\": \"f\", \"arguments\": \"" + DeepArray + "\"}",
    };

    private static IEnumerable<string> Wrapped(ToolCallSyntax syntax, string deep) => syntax switch
    {
        ToolCallSyntax.Hermes => ["<tool_call>" + deep + "</tool_call>"],
        ToolCallSyntax.Mistral => ["[TOOL_CALLS]" + deep],
        ToolCallSyntax.Llama3 => ["<|python_tag|>" + deep],
        ToolCallSyntax.Functionary => ["f\n" + deep],
        ToolCallSyntax.DeepSeek => ["<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>f\n```json\n" + deep + "\n```<｜tool▁call▁end｜>"],
        ToolCallSyntax.DeepSeekV31 => ["<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>f<｜tool▁sep｜>" + deep + "<｜tool▁call▁end｜>"],
        ToolCallSyntax.CommandRPlus => ["Action: ```json\n" + deep + "\n```"],
        ToolCallSyntax.CommandR7B => ["<|START_ACTION|>" + deep + "<|END_ACTION|>"],
        ToolCallSyntax.Phi4 => ["<|tool_call|>" + deep + "<|/tool_call|>", "functools" + deep],
        _ => [deep],
    };

    public static TheoryData<ToolCallSyntax> UnclosedMarkers() =>
        [ToolCallSyntax.Hermes, ToolCallSyntax.DeepSeek, ToolCallSyntax.CommandR7B, ToolCallSyntax.Phi4];

    private static string Unclosed(ToolCallSyntax syntax) => syntax switch
    {
        ToolCallSyntax.Hermes => Repeat("<tool_call>{"),
        ToolCallSyntax.DeepSeek => "<｜tool▁calls▁begin｜>" + Repeat("<｜tool▁call▁begin｜>f"),
        ToolCallSyntax.CommandR7B => Repeat("<|START_ACTION|>["),
        _ => Repeat("<|tool_call|>{"),
    };

    [Theory]
    [MemberData(nameof(DeepReplies))]
    public void Parse_CallNested100000Deep_IsNotACall(ToolCallSyntax syntax, string shape)
    {
        foreach (var reply in Wrapped(syntax, Deep(shape)))
        {
            var (text, calls) = ToolCallParser.Parse(reply, syntax);

            Assert.Empty(calls);
            Assert.Equal(reply.Length, text.Length);
        }
    }

    [Theory]
    [MemberData(nameof(UnclosedMarkers))]
    public void Parse_100000UnclosedMarkers_StaysText(ToolCallSyntax syntax)
    {
        var reply = Unclosed(syntax);
        var (text, calls) = ToolCallParser.Parse(reply, syntax);

        Assert.Empty(calls);
        Assert.Equal(reply.Trim(), text.Trim());
    }

    [Fact]
    public void Parse_HermesCallAfterAnUnparsableBlock_IsFoundAndTheBlockKept()
    {
        var (text, calls) = ToolCallParser.Parse(
            "<tool_call>" + DeepArray + "</tool_call> then <tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>",
            ToolCallSyntax.Hermes);

        Assert.Equal("f", Assert.Single(calls).Name);
        Assert.Equal("<tool_call>" + DeepArray + "</tool_call> then", text);
    }
}
