using System.Text.Json;
using OmniBot.Models.Gguf;
using OmniBot.TestModels;

namespace OmniBot.Tests.Cli;

public sealed class InspectCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("omnibot-cli-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    public static TheoryData<TestArchitecture, TestQuantization> EveryModel()
    {
        var data = new TheoryData<TestArchitecture, TestQuantization>();
        foreach (var architecture in Enum.GetValues<TestArchitecture>())
        {
            foreach (var quantization in Enum.GetValues<TestQuantization>())
            {
                data.Add(architecture, quantization);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryModel))]
    public async Task Inspect_Json_FactsMatchTheSpecAndEveryKeyIsThere(TestArchitecture architecture, TestQuantization quantization)
    {
        var spec = TestModelSpec.Tiny(architecture);
        var path = TestModelFiles.GetPath(spec, quantization);

        var run = await CliRun.InvokeAsync("inspect", path, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(architecture.ToString().ToLowerInvariant(), root.GetProperty("architecture").GetString());
        Assert.Equal(quantization.ToString(), root.GetProperty("fileType").GetString());
        Assert.Equal(spec.ContextLength, root.GetProperty("contextLength").GetInt64());
        Assert.Equal(spec.EmbeddingLength, root.GetProperty("embeddingLength").GetInt64());
        Assert.Equal(spec.BlockCount, root.GetProperty("blockCount").GetInt32());
        Assert.Equal(spec.HeadCount, root.GetProperty("headCount").GetInt32());
        Assert.Equal(spec.HeadCountKv, root.GetProperty("headCountKv").GetInt32());
        Assert.Equal(spec.VocabSize, root.GetProperty("vocabSize").GetInt64());
        Assert.Contains("<|im_start|>", root.GetProperty("chatTemplate").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("parameterCount").GetInt64() > spec.VocabSize * spec.EmbeddingLength);

        var file = GgufReader.Read(path);
        Assert.Equal(file.Tensors.Count, root.GetProperty("tensorCount").GetInt32());
        var metadata = root.GetProperty("metadata");
        Assert.Equal(file.Metadata.Keys, metadata.EnumerateObject().Select(p => p.Name));
        Assert.Equal(spec.VocabSize, metadata.GetProperty("tokenizer.ggml.tokens").GetArrayLength());
    }

    [Fact]
    public async Task Inspect_Table_ShowsFactsAndSummarisesLongArrays()
    {
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.Q8_0);

        var run = await CliRun.InvokeAsync("inspect", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("qwen2", run.Output, StringComparison.Ordinal);
        Assert.Contains("Q8_0", run.Output, StringComparison.Ordinal);
        Assert.Contains("tokenizer.ggml.merges", run.Output, StringComparison.Ordinal);
        Assert.Contains("(512 × String)", run.Output, StringComparison.Ordinal);
        Assert.Contains("tokenizer.chat_template", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_CorruptFile_ExitsWithOneErrorLineAndNoStackTrace()
    {
        var bytes = await File.ReadAllBytesAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.F16));
        var corrupt = Path.Combine(_scratch, "corrupt.gguf");
        await File.WriteAllBytesAsync(corrupt, bytes[..1000]);

        var run = await CliRun.InvokeAsync("inspect", corrupt);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("omnibot: error:", line, StringComparison.Ordinal);
        Assert.Contains("corrupt.gguf", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_NotAGgufFile_ExitsWithOneErrorLine()
    {
        var text = Path.Combine(_scratch, "notes.txt");
        await File.WriteAllTextAsync(text, "hello, this is not a model\n");

        var run = await CliRun.InvokeAsync("inspect", text, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.StartsWith("omnibot: error:", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_MissingFile_ExitsWithOneErrorLine()
    {
        var run = await CliRun.InvokeAsync("inspect", Path.Combine(_scratch, "absent.gguf"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
