using OmniBot.Engine.Tools;

namespace OmniBot.Engine.Tests.Tools;

public sealed class ToolCallParserTests
{
    [Fact]
    public void Parse_HermesBlocks_FindsEveryCallAndKeepsTheText()
    {
        var (text, calls) = ToolCallParser.Parse(
            "Let me check.\n<tool_call>\n{\"name\": \"weather\", \"arguments\": {\"city\": \"Oslo\"}}\n</tool_call>\n<tool_call>{\"name\":\"time\",\"arguments\":{}}</tool_call>",
            ToolCallSyntax.Hermes);

        Assert.Equal("Let me check.", text);
        Assert.Equal(["weather", "time"], calls.Select(call => call.Name));
        Assert.Equal("Oslo", calls[0].Arguments.GetProperty("city").GetString());
    }

    [Fact]
    public void Parse_Llama3PythonTagWithSemicolons_FindsBothCalls()
    {
        var (_, calls) = ToolCallParser.Parse("<|python_tag|>{\"name\": \"a\", \"parameters\": {\"x\": 1}}; {\"name\": \"b\", \"parameters\": {}}", ToolCallSyntax.Llama3);

        Assert.Equal(["a", "b"], calls.Select(call => call.Name));
        Assert.Equal(1, calls[0].Arguments.GetProperty("x").GetInt32());
    }

    [Fact]
    public void Parse_MistralList_FindsTheCalls()
    {
        var (text, calls) = ToolCallParser.Parse("[TOOL_CALLS][{\"name\": \"search\", \"arguments\": {\"q\": \"cats\"}}]", ToolCallSyntax.Mistral);

        Assert.Empty(text);
        Assert.Equal("search", Assert.Single(calls).Name);
    }

    [Fact]
    public void Parse_GenericJsonWithStringArguments_ParsesTheArguments()
    {
        var (_, calls) = ToolCallParser.Parse("{\"name\": \"f\", \"arguments\": \"{\\\"n\\\": 2}\"}", ToolCallSyntax.GenericJson);

        Assert.Equal(2, Assert.Single(calls).Arguments.GetProperty("n").GetInt32());
    }

    [Theory]
    [InlineData("<tool_call>{\"name\": broken</tool_call>", ToolCallSyntax.Hermes)]
    [InlineData("{\"not\": \"a call\"}", ToolCallSyntax.GenericJson)]
    [InlineData("Plain answer.", ToolCallSyntax.Mistral)]
    public void Parse_NotACall_StaysText(string reply, ToolCallSyntax syntax)
    {
        var (text, calls) = ToolCallParser.Parse(reply, syntax);

        Assert.Empty(calls);
        Assert.Equal(reply, text);
    }

    [Fact]
    public void Detect_RealTemplates_PickTheirFamilySyntax()
    {
        string Template(string name) => File.ReadAllText(Path.Combine(OmniBot.TestModels.SharedData.ChatTemplatesDirectory, "templates", name + ".jinja"));

        Assert.Equal(ToolCallSyntax.Hermes, ToolCallParser.Detect(Template("Qwen-Qwen2.5-7B-Instruct")));
        Assert.Equal(ToolCallSyntax.Hermes, ToolCallParser.Detect(Template("NousResearch-Hermes-3-Llama-3.1-8B-tool_use")));
        Assert.Equal(ToolCallSyntax.Llama3, ToolCallParser.Detect(Template("meta-llama-Llama-3.1-8B-Instruct")));
        Assert.Equal(ToolCallSyntax.Mistral, ToolCallParser.Detect(Template("mistralai-Mistral-Nemo-Instruct-2407")));
    }
}
