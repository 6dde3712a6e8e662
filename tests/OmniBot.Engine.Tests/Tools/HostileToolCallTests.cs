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
        foreach (var deep in new[] { DeepArray, DeepObject, "{\"name\": \"f\", \"arguments\": " + DeepObject + "}", "{\"name\": \"f\", \"arguments\": \"" + DeepArray + "\"}" })
        {
            data.Add(ToolCallSyntax.Hermes, "<tool_call>" + deep + "</tool_call>");
            data.Add(ToolCallSyntax.Mistral, "[TOOL_CALLS]" + deep);
            data.Add(ToolCallSyntax.Llama3, "<|python_tag|>" + deep);
            data.Add(ToolCallSyntax.GenericJson, deep);
            data.Add(ToolCallSyntax.Functionary, "f\n" + deep);
            data.Add(ToolCallSyntax.DeepSeek, "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>f\n```json\n" + deep + "\n```<｜tool▁call▁end｜>");
            data.Add(ToolCallSyntax.DeepSeekV31, "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>f<｜tool▁sep｜>" + deep + "<｜tool▁call▁end｜>");
            data.Add(ToolCallSyntax.CommandRPlus, "Action: ```json\n" + deep + "\n```");
            data.Add(ToolCallSyntax.CommandR7B, "<|START_ACTION|>" + deep + "<|END_ACTION|>");
            data.Add(ToolCallSyntax.Phi4, "<|tool_call|>" + deep + "<|/tool_call|>");
            data.Add(ToolCallSyntax.Phi4, "functools" + deep);
        }

        return data;
    }

    public static TheoryData<ToolCallSyntax, string> UnclosedMarkers() => new()
    {
        { ToolCallSyntax.Hermes, Repeat("<tool_call>{") },
        { ToolCallSyntax.DeepSeek, "<｜tool▁calls▁begin｜>" + Repeat("<｜tool▁call▁begin｜>f") },
        { ToolCallSyntax.CommandR7B, Repeat("<|START_ACTION|>[") },
        { ToolCallSyntax.Phi4, Repeat("<|tool_call|>{") },
    };

    [Theory]
    [MemberData(nameof(DeepReplies))]
    public void Parse_CallNested100000Deep_IsNotACall(ToolCallSyntax syntax, string reply)
    {
        var (_, calls) = ToolCallParser.Parse(reply, syntax);

        Assert.Empty(calls);
    }

    [Theory]
    [MemberData(nameof(UnclosedMarkers))]
    public void Parse_100000UnclosedMarkers_StaysText(ToolCallSyntax syntax, string reply)
    {
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
