using System.Text;
using System.Text.Json;
using OmniBot.TestModels;

namespace OmniBot.Tests.Cli;

/// <summary><c>omnibot template render</c> reproduces every reference rendering of the shared corpus.</summary>
public sealed class TemplateRenderCommandTests
{
    private static readonly Lazy<string> Corpus = new(() => SharedData.ChatTemplatesDirectory);

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in Directory.GetFiles(Path.Combine(Corpus.Value, "templates"), "*.jinja").Order(StringComparer.Ordinal))
        {
            foreach (var testCase in Directory.GetFiles(Path.Combine(Corpus.Value, "cases"), "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileNameWithoutExtension(template), Path.GetFileNameWithoutExtension(testCase));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Render_SharedCase_MatchesTheReferenceOrFailsLikeIt(string template, string testCase)
    {
        var expected = Path.Combine(Corpus.Value, "expected", template, testCase);
        var run = await CliRun.InvokeAsync(
            "template", "render",
            "--template", Path.Combine(Corpus.Value, "templates", template + ".jinja"),
            "--case", Path.Combine(Corpus.Value, "cases", testCase + ".json"),
            "--now", "2026-01-01T00:00:00Z");

        if (File.Exists(expected + ".txt"))
        {
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(new UTF8Encoding(false, true).GetString(File.ReadAllBytes(expected + ".txt")), run.Output);
            return;
        }

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Corpus.Value, "expected", "index.json")));
        var entry = index.RootElement.GetProperty("templates").GetProperty(template).GetProperty(testCase);
        if (entry.TryGetProperty("raised_by", out var raisedBy) && raisedBy.GetString() == "raise_exception")
        {
            var message = File.ReadAllText(expected + ".error").Trim();
            Assert.Contains(string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Render_ModelTemplate_UsesItsTemplateAndTokens()
    {
        var model = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.Q8_0);
        var caseFile = Path.Combine(Path.GetTempPath(), $"omnibot-case-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(caseFile, """{"messages":[{"role":"user","content":"Hi"}],"add_generation_prompt":true}""");
        try
        {
            var run = await CliRun.InvokeAsync("template", "render", "--model", model, "--case", caseFile);

            Assert.Equal(0, run.ExitCode);
            Assert.EndsWith("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(caseFile);
        }
    }

    [Fact]
    public async Task Render_NeitherTemplateNorModel_FailsWithOneLine()
    {
        var run = await CliRun.InvokeAsync("template", "render", "--case", "/nonexistent.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
    }
}
