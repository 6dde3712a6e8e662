using System.Text.Json;
using OmniBot.Cli;
using OmniBot.TestModels;

namespace OmniBot.Tests.Cli;

public sealed class StoreCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("omnibot-cli-store-").FullName;
    private readonly string _models;
    private readonly string _llama = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0);
    private readonly string _qwen = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Qwen2), TestQuantization.Q4_K_M);

    public StoreCommandTests() => _models = Path.Combine(_scratch, "models");

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private Task<CliRun> Run(params string[] args) => CliRun.InvokeAsync([.. args, "--models-dir", _models]);

    private static void AssertOneErrorLine(CliRun run, string expected)
    {
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("omnibot: error:", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ThenList_ShowsNameIdSizeQuantizationAndAge()
    {
        var import = await Run("import", _llama, "--name", "tiny:q8");
        var list = await Run("list");

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("imported 'tiny:q8'", import.Output, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches("^NAME +ID +SIZE +QUANT +PARAMS +MODIFIED$", lines[0]);
        Assert.Matches(@"^tiny:q8 +[0-9a-f]{12} +209\.6 KiB +Q8_0 +188\.7K +just now$", lines[1]);
    }

    [Fact]
    public async Task Import_WithoutName_NamesItAfterTheFile()
    {
        var run = await Run("import", _qwen);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"imported '{Path.GetFileNameWithoutExtension(_qwen)}:latest'", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Json_GivesTheManifests()
    {
        await Run("import", _llama, "--name", "a");
        await Run("import", _qwen, "--name", "b:q4");

        var run = await Run("list", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var items = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["a", "b"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal("q4", items[1].GetProperty("tag").GetString());
        Assert.Equal("qwen2", items[1].GetProperty("facts").GetProperty("architecture").GetString());
        Assert.StartsWith("sha256:", items[0].GetProperty("digest").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_EmptyStore_PrintsOnlyTheHeader()
    {
        var run = await Run("list");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("NAME", Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_PrintsFactsAndJsonGivesTheBlobPath()
    {
        await Run("import", _llama, "--name", "tiny");

        var table = await Run("show", "tiny");
        var json = await Run("show", "tiny:latest", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("architecture      llama", table.Output, StringComparison.Ordinal);
        Assert.Contains("quantization      Q8_0", table.Output, StringComparison.Ordinal);
        Assert.Contains("context length    4096", table.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Output);
        var path = document.RootElement.GetProperty("path").GetString()!;
        Assert.StartsWith(Path.Combine(_models, "blobs", "sha256-"), path, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(_llama), await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Copy_ThenRemove_KeepsDataUntilTheLastName()
    {
        await Run("import", _llama, "--name", "tiny");

        var copy = await Run("cp", "tiny", "alias:v1");
        var removeFirst = await Run("rm", "tiny");
        var listAfterFirst = await Run("list");
        var removeLast = await Run("rm", "alias:v1");

        Assert.Equal(0, copy.ExitCode);
        Assert.Contains("copied 'tiny:latest' to 'alias:v1'", copy.Output, StringComparison.Ordinal);
        Assert.Contains("still used by another tag", removeFirst.Output, StringComparison.Ordinal);
        Assert.Contains("alias:v1", listAfterFirst.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("tiny:latest", listAfterFirst.Output, StringComparison.Ordinal);
        Assert.Contains("freed 209.6 KiB", removeLast.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_models, "blobs"), "sha256-*"));
    }

    [Fact]
    public async Task Remove_UnknownModel_OneErrorLine()
    {
        AssertOneErrorLine(await Run("rm", "ghost"), "No model 'ghost:latest'");
    }

    [Theory]
    [InlineData("rm", "../escape")]
    [InlineData("show", "a/b")]
    [InlineData("cp", "x:..")]
    public async Task Commands_InvalidName_OneErrorLineNamingTheRule(string command, string name)
    {
        string[] args = command == "cp" ? [command, "src", name] : [command, name];
        var run = await Run(args);

        AssertOneErrorLine(run, "not a valid model");
    }

    [Fact]
    public async Task Import_NotAGguf_OneErrorLineAndNothingStored()
    {
        var text = Path.Combine(_scratch, "notes.gguf");
        await File.WriteAllTextAsync(text, "plain text, not a model; long enough to be read as a header");

        var run = await Run("import", text, "--name", "notes");

        AssertOneErrorLine(run, "notes.gguf");
        Assert.DoesNotContain("notes", (await Run("list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_LocalFile_ImportsItAndPrintsPlainResult()
    {
        var run = await Run("pull", _llama, "--name", "local:1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pulled 'local:1'", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_UnknownCatalogName_OneErrorLineListingTheCatalog()
    {
        AssertOneErrorLine(await Run("pull", "nothing:here"), "qwen2.5:0.5b");
    }

    [Fact]
    public async Task Pull_BadSha256_OneErrorLine()
    {
        AssertOneErrorLine(await Run("pull", "https://127.0.0.1:9/x.gguf", "--sha256", "xyz"), "--sha256");
    }

    [Fact]
    public async Task ModelPathResolver_FileStaysAFileAndANameBecomesItsBlob()
    {
        await Run("import", _llama, "--name", "tiny:q8");

        var byPath = ModelPathResolver.Resolve(_llama, _models);
        var byName = ModelPathResolver.Resolve("tiny:q8", _models);

        Assert.Equal(_llama, byPath);
        Assert.Equal(await File.ReadAllBytesAsync(_llama), await File.ReadAllBytesAsync(byName));
        Assert.StartsWith(_models, byName, StringComparison.Ordinal);
        var ex = Assert.Throws<CliErrorException>(() => ModelPathResolver.Resolve("missing:1", _models));
        Assert.Contains("omnibot pull missing:1", ex.Message, StringComparison.Ordinal);
    }
}
