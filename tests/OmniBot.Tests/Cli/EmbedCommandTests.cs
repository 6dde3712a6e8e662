using System.Text.Json;
using OmniBot.TestModels.Bert;

namespace OmniBot.Tests.Cli;

public sealed class EmbedCommandTests
{
    private static string Embedder => BertTestModelFiles.GetPath(BertTestModelSpec.TinyEmbedder);

    [Fact]
    public async Task Embed_Texts_PrintsOneNormalizedVectorPerTextInOrder()
    {
        var run = await CliRun.InvokeAsync("embed", Embedder, "the cat sat", "a dog ran");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal([0, 1], items.Select(item => item.GetProperty("index").GetInt32()));
        foreach (var item in items)
        {
            var vector = item.GetProperty("embedding").EnumerateArray().Select(value => value.GetDouble()).ToList();
            Assert.Equal(64, vector.Count);
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(value => value * value)), 3);
        }
    }

    [Fact]
    public async Task Embed_File_ReadsOneTextPerLine()
    {
        var file = Path.Combine(Path.GetTempPath(), $"omnibot-texts-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(file, ["first line", "second line", "third line"]);
        try
        {
            var run = await CliRun.InvokeAsync("embed", Embedder, "--file", file);

            Assert.Equal(0, run.ExitCode);
            using var json = JsonDocument.Parse(run.Output);
            Assert.Equal(3, json.RootElement.GetArrayLength());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Rerank_Documents_PrintsEveryDocumentWithAScoreBestFirst()
    {
        var run = await CliRun.InvokeAsync("rerank", BertTestModelFiles.GetPath(BertTestModelSpec.TinyReranker), "cats", "about cats", "about cars", "about trees");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var scores = json.RootElement.EnumerateArray().Select(item => (Index: item.GetProperty("index").GetInt32(), Score: item.GetProperty("score").GetDouble())).ToList();
        Assert.Equal([0, 1, 2], scores.Select(score => score.Index).Order());
        Assert.Equal(scores.Select(score => score.Score).OrderDescending(), scores.Select(score => score.Score));
    }

    [Fact]
    public async Task Embed_NoTexts_FailsWithOneLine()
    {
        var run = await CliRun.InvokeAsync("embed", Embedder);

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
    }
}
