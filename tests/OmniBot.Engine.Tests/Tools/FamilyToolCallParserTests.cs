using OmniBot.Engine.Tools;

namespace OmniBot.Engine.Tests.Tools;

public sealed class FamilyToolCallParserTests
{
    [Fact]
    public void Parse_FunctionaryParts_SplitsTextAndCalls()
    {
        var (text, calls) = ToolCallParser.Parse("all\nChecking both.>>>weather\n{\"city\": \"Oslo\"}>>>time\n{}", ToolCallSyntax.Functionary);

        Assert.Equal("Checking both.", text);
        Assert.Equal(["weather", "time"], calls.Select(call => call.Name));
        Assert.Equal("Oslo", calls[0].Arguments.GetProperty("city").GetString());
    }

    [Fact]
    public void Parse_FunctionaryTextOnly_DropsTheRecipient()
    {
        var (text, calls) = ToolCallParser.Parse("all\nHello there", ToolCallSyntax.Functionary);

        Assert.Equal("Hello there", text);
        Assert.Empty(calls);
    }

    [Fact]
    public void Parse_DeepSeekR1Block_ReadsTheFencedArguments()
    {
        const string Reply = "Let me look.<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>weather\n```json\n{\"city\": \"Oslo\"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>";

        var (text, calls) = ToolCallParser.Parse(Reply, ToolCallSyntax.DeepSeek);

        Assert.Equal("Let me look.", text);
        Assert.Equal("Oslo", Assert.Single(calls).Arguments.GetProperty("city").GetString());
    }

    [Fact]
    public void Parse_DeepSeekV31Block_ReadsEveryCall()
    {
        const string Reply = "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>weather<｜tool▁sep｜>{\"city\": \"Oslo\"}<｜tool▁call▁end｜><｜tool▁call▁begin｜>time<｜tool▁sep｜>{}<｜tool▁call▁end｜><｜tool▁calls▁end｜>";

        var (_, calls) = ToolCallParser.Parse(Reply, ToolCallSyntax.DeepSeekV31);

        Assert.Equal(["weather", "time"], calls.Select(call => call.Name));
    }

    [Fact]
    public void Parse_DeepSeekWithBrokenArguments_StaysText()
    {
        const string Reply = "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>weather<｜tool▁sep｜>{\"city\": <｜tool▁call▁end｜><｜tool▁calls▁end｜>";

        var (text, calls) = ToolCallParser.Parse(Reply, ToolCallSyntax.DeepSeekV31);

        Assert.Empty(calls);
        Assert.Equal(Reply, text);
    }

    [Fact]
    public void Parse_CommandRPlusAction_ReadsToolNameAndParameters()
    {
        const string Reply = "Plan: look it up.\nAction:\n```json\n[\n    {\n        \"tool_name\": \"weather\",\n        \"parameters\": {\"city\": \"Oslo\"}\n    }\n]\n```";

        var (text, calls) = ToolCallParser.Parse(Reply, ToolCallSyntax.CommandRPlus);

        Assert.Equal("Plan: look it up.", text);
        Assert.Equal("weather", Assert.Single(calls).Name);
    }

    [Fact]
    public void Parse_CommandR7BAction_ReadsCallsAndKeepsThePlanAsText()
    {
        const string Reply = "<|START_THINKING|>I will check.<|END_THINKING|><|START_ACTION|>[{\"tool_call_id\": \"0\", \"tool_name\": \"weather\", \"parameters\": {\"city\": \"Oslo\"}}]<|END_ACTION|>";

        var (text, calls) = ToolCallParser.Parse(Reply, ToolCallSyntax.CommandR7B);

        Assert.Equal("I will check.", text);
        Assert.Equal("weather", Assert.Single(calls).Name);
    }

    [Fact]
    public void Parse_CommandR7BResponse_IsTextWithoutMarkers()
    {
        var (text, calls) = ToolCallParser.Parse("<|START_RESPONSE|>It is sunny.<|END_RESPONSE|>", ToolCallSyntax.CommandR7B);

        Assert.Equal("It is sunny.", text);
        Assert.Empty(calls);
    }

    [Theory]
    [InlineData("functools[{\"name\": \"weather\", \"arguments\": {\"tags\": [\"a\", \"b\"]}}]")]
    [InlineData("<|tool_call|>[{\"name\": \"weather\", \"arguments\": {\"tags\": [\"a\", \"b\"]}}]<|/tool_call|>")]
    public void Parse_Phi4Calls_KeepNestedArrays(string reply)
    {
        var (_, calls) = ToolCallParser.Parse(reply, ToolCallSyntax.Phi4);

        Assert.Equal(2, Assert.Single(calls).Arguments.GetProperty("tags").GetArrayLength());
    }
}
