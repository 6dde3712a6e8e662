using OmniBot.TestModels;

namespace OmniBot.Tests.Cli;

public sealed class RunCommandTests
{
    private static string Model => TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.Q8_0);

    [Fact]
    public async Task Run_WithPrompt_PrintsTheReplyAndExits()
    {
        var first = await CliRun.InvokeAsync("run", Model, "Hello there", "--temperature", "0", "--max-tokens", "12");
        var second = await CliRun.InvokeAsync("run", Model, "Hello there", "--temperature", "0", "--max-tokens", "12");

        Assert.Equal(0, first.ExitCode);
        Assert.True(first.Output.Trim('\n').Length > 0, "no reply printed");
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task Run_Stats_WritesCountersToStderrOnly()
    {
        var run = await CliRun.InvokeAsync("run", Model, "Hello", "--temperature", "0", "--max-tokens", "5", "--stats");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("reply tokens:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("reply tokens:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Raw_ContinuesThePromptWithoutTheTemplate()
    {
        var raw = await CliRun.InvokeAsync("run", Model, "Once upon a time", "--raw", "--temperature", "0", "--max-tokens", "8", "--stats");
        var chat = await CliRun.InvokeAsync("run", Model, "Once upon a time", "--temperature", "0", "--max-tokens", "8", "--stats");

        Assert.Equal(0, raw.ExitCode);
        var rawPromptTokens = int.Parse(raw.Error.Split("prompt: ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var chatPromptTokens = int.Parse(chat.Error.Split("prompt tokens: ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(rawPromptTokens, 1, 8);
        Assert.True(chatPromptTokens > rawPromptTokens + 4, "the chat template was not applied around the chat prompt");
    }

    [Fact]
    public async Task Run_Interactive_AnswersEachLineUntilBye()
    {
        var run = await CliRun.InvokeWithInputAsync("first\n/clear\nsecond\n/bye\nnever read\n", "run", Model, "--temperature", "0", "--max-tokens", "4");

        Assert.Equal(0, run.ExitCode);
        // Four prompts were shown: before "first", "/clear", "second" and "/bye"; nothing after /bye is read.
        Assert.Equal(5, run.Output.Split(">>> ").Length);
        Assert.Contains("Cleared", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingModel_FailsWithOneLine()
    {
        var run = await CliRun.InvokeAsync("run", "/no/such/model.gguf", "hi");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("neither a file nor a model in the store", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LookupWithAnF32KvCache_PrintsThePlainReply()
    {
        var plain = await CliRun.InvokeAsync("run", Model, "Hello there", "--temperature", "0", "--max-tokens", "12", "--kv-cache-type", "f32");
        var lookup = await CliRun.InvokeAsync("run", Model, "Hello there", "--temperature", "0", "--max-tokens", "12", "--kv-cache-type", "F32", "--lookup", "--stats");

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, lookup.ExitCode);
        Assert.Equal(plain.Output, lookup.Output);
    }

    [Fact]
    public async Task Run_UnknownKvCacheType_FailsNamingTheOption()
    {
        var run = await CliRun.InvokeAsync("run", Model, "hi", "--kv-cache-type", "q2");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--kv-cache-type", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidSamplingOption_FailsWithOneLineNamingIt()
    {
        var run = await CliRun.InvokeAsync("run", Model, "hi", "--top-p", "7");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("TopP", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_JsonSchema_PrintsJsonValidForTheSchema()
    {
        var schema = Path.Combine(Path.GetTempPath(), $"omnibot-schema-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(schema, """{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false}""");
        try
        {
            var run = await CliRun.InvokeAsync("run", Model, "Is it ok?", "--json-schema", schema, "--seed", "4", "--max-tokens", "60");

            Assert.Equal(0, run.ExitCode);
            using var json = System.Text.Json.JsonDocument.Parse(run.Output);
            Assert.Contains(json.RootElement.GetProperty("ok").ValueKind, new[] { System.Text.Json.JsonValueKind.True, System.Text.Json.JsonValueKind.False });
        }
        finally
        {
            File.Delete(schema);
        }
    }

    [Fact]
    public async Task Run_RawWithGrammar_FollowsIt()
    {
        var grammar = Path.Combine(Path.GetTempPath(), $"omnibot-grammar-{Guid.NewGuid():N}.gbnf");
        await File.WriteAllTextAsync(grammar, "root ::= [0-9]{3} \"!\"");
        try
        {
            var run = await CliRun.InvokeAsync("run", Model, "Number:", "--raw", "--grammar", grammar, "--max-tokens", "20");

            Assert.Equal(0, run.ExitCode);
            Assert.Matches("^[0-9]{3}!\n$", run.Output);
        }
        finally
        {
            File.Delete(grammar);
        }
    }

    [Fact]
    public async Task Run_BrokenGrammarFile_FailsWithOneLineNamingTheFile()
    {
        var grammar = Path.Combine(Path.GetTempPath(), $"omnibot-bad-{Guid.NewGuid():N}.gbnf");
        await File.WriteAllTextAsync(grammar, "root ::= undefined-rule");
        try
        {
            var run = await CliRun.InvokeAsync("run", Model, "x", "--grammar", grammar);

            Assert.Equal(1, run.ExitCode);
            Assert.Single(run.ErrorLines);
            Assert.Contains(Path.GetFileName(grammar), run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(grammar);
        }
    }

    [Fact]
    public async Task Run_Session_SavesAndContinuesTheConversation()
    {
        var file = Path.Combine(Path.GetTempPath(), $"omnibot-session-{Guid.NewGuid():N}.bin");
        try
        {
            var first = await CliRun.InvokeAsync("run", Model, "Hello", "--temperature", "0", "--max-tokens", "6", "--session", file, "--stats");
            var second = await CliRun.InvokeAsync("run", Model, "More", "--temperature", "0", "--max-tokens", "6", "--session", file, "--stats");

            Assert.Equal(0, first.ExitCode);
            Assert.Equal(0, second.ExitCode);
            Assert.True(File.Exists(file));
            Assert.Contains("(0 reused)", first.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("(0 reused)", second.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
