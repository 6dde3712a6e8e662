using System.CommandLine;
using System.Globalization;
using System.Text;
using OmniBot.Engine.Hardware;
using OmniBot.Engine.Loading;
using OmniBot.Models.Gguf;
using Spectre.Console;

namespace OmniBot.Cli;

/// <summary><c>omnibot inspect FILE</c>: what a GGUF file is, read by the managed reader without loading it.</summary>
internal static class InspectCommand
{
    private const int ArrayItemsShown = 8;
    private const int StringCharsShown = 96;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The GGUF model file." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with every metadata key and value." };
        var command = new Command("inspect", "Show a GGUF model's facts and metadata without loading it.") { file, json };
        command.SetAction(parseResult => Run(parseResult, parseResult.GetRequiredValue(file), parseResult.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult parseResult, FileInfo file, bool asJson)
    {
        if (!file.Exists)
        {
            throw new CliErrorException($"'{file.FullName}' does not exist.");
        }

        var info = GgufModelInfo.Read(file.FullName);
        var estimate = ModelMemoryEstimator.Estimate(info, (int)Math.Min(info.ContextLength ?? ModelLoadOptions.DefaultContextSize, ModelLoadOptions.DefaultContextSize));
        var output = parseResult.InvocationConfiguration.Output;
        if (asJson)
        {
            using var buffer = new MemoryStream();
            InspectJsonWriter.Write(buffer, info, estimate);
            output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            return 0;
        }

        var console = CliConsole.Create(output);
        console.Write(FactsTable(info, estimate));
        console.Write(MetadataTable(info.File.Metadata));
        return 0;
    }

    private static Table FactsTable(GgufModelInfo info, MemoryEstimate estimate)
    {
        var table = new Table().Title(Markup.Escape(Path.GetFileName(info.File.SourcePath ?? "model"))).AddColumns("Fact", "Value");
        void Row(string fact, object? value) => table.AddRow(new Text(fact), new Text(value is null ? "-" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "-"));

        Row("Architecture", info.Architecture);
        Row("Name", info.Name);
        Row("Parameters", FormatCount(info.ParameterCount));
        Row("File type", info.FileType);
        Row("Context length", info.ContextLength);
        Row("Embedding length", info.EmbeddingLength);
        Row("Blocks", info.BlockCount);
        Row("Feed-forward length", info.FeedForwardLength);
        Row("Attention heads", info.HeadCount);
        Row("KV heads", info.HeadCountKv);
        Row("Vocabulary", info.VocabSize);
        Row("Tokenizer", info.TokenizerPre is null ? info.TokenizerModel : $"{info.TokenizerModel} ({info.TokenizerPre})");
        Row("Pooling", info.PoolingType);
        Row("Chat template", info.ChatTemplate is null ? "none" : $"{info.ChatTemplate.Length} chars");
        Row("Tensors", $"{info.TensorCount} ({string.Join(", ", info.TensorTypes.Select(t => $"{t.TensorCount} {t.Type}"))})");
        Row("Tensor data", ByteSize.Format(info.TensorDataBytes));
        Row("GGUF version", info.File.Version);
        Row($"Memory at {estimate.Options.ContextSize} ctx", $"{ByteSize.Format(estimate.TotalBytes)} ({ByteSize.Format(estimate.WeightBytes)} weights, {ByteSize.Format(estimate.KvCacheBytes)} KV cache)");
        return table;
    }

    private static Table MetadataTable(GgufMetadata metadata)
    {
        var table = new Table().Title("Metadata").AddColumns("Key", "Type", "Value");
        foreach (var (key, value) in metadata)
        {
            var type = value.Type == GgufValueType.Array ? $"array<{value.AsArray().ElementType}>" : value.Type.ToString();
            table.AddRow(new Text(key), new Text(type), new Text(Summarize(value)));
        }

        return table;
    }

    /// <summary>Long arrays and long or multi-line strings are shortened here; --json has them complete.</summary>
    private static string Summarize(GgufValue value)
    {
        var text = value.ToDisplayString(ArrayItemsShown);
        if (value.Type != GgufValueType.String || (text.Length <= StringCharsShown && !text.Contains('\n', StringComparison.Ordinal)))
        {
            return text;
        }

        var firstLine = text.Split('\n')[0];
        var shown = firstLine.Length > StringCharsShown ? firstLine[..StringCharsShown] : firstLine;
        return $"{shown}… ({text.Length} chars)";
    }

    private static string FormatCount(long count) => count switch
    {
        >= 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e9:0.0}B ({count})"),
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e6:0.0}M ({count})"),
        >= 1_000 => string.Create(CultureInfo.InvariantCulture, $"{count / 1e3:0.0}K ({count})"),
        _ => count.ToString(CultureInfo.InvariantCulture),
    };
}
