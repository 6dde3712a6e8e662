using System.CommandLine;
using System.Text.Json;
using OmniBot.Engine.Embeddings;
using OmniBot.Engine.Loading;

namespace OmniBot.Cli;

/// <summary>
/// <c>omnibot embed MODEL TEXT...</c> prints embeddings as JSON; <c>omnibot rerank MODEL QUERY DOC...</c>
/// prints relevance scores as JSON.
/// </summary>
internal static class EmbedCommand
{
    public static Command CreateEmbed()
    {
        var model = new Argument<string>("MODEL") { Description = "An embedding model: store name or GGUF file." };
        var texts = new Argument<string[]>("TEXT") { Description = "Texts to embed.", Arity = ArgumentArity.ZeroOrMore };
        var file = new Option<FileInfo?>("--file") { Description = "Read the texts from this file, one per line." };
        var truncate = new Option<bool>("--truncate") { Description = "Cut inputs longer than the model's context instead of refusing them." };
        var command = new Command("embed", "Print embeddings of texts as JSON: [{\"index\":0,\"embedding\":[...]}, ...].") { model, texts, file, truncate };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var inputs = ReadTexts(parseResult.GetValue(texts) ?? [], parseResult.GetValue(file));
            using var loaded = await LoadAsync(parseResult, parseResult.GetRequiredValue(model), cancellationToken).ConfigureAwait(false);
            using var generator = new LlamaEmbeddingGenerator(loaded, new LlamaEmbeddingGeneratorOptions { Truncate = parseResult.GetValue(truncate) });
            var embeddings = await generator.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
            var result = embeddings.Select((embedding, index) => new { index, embedding = embedding.Vector.ToArray() });
            await parseResult.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(result)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    public static Command CreateRerank()
    {
        var model = new Argument<string>("MODEL") { Description = "A reranker model (pooling type RANK): store name or GGUF file." };
        var query = new Argument<string>("QUERY") { Description = "What the documents are ranked for." };
        var documents = new Argument<string[]>("DOC") { Description = "Documents to score.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("rerank", "Print a relevance score per document as JSON, best first.") { model, query, documents };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var loaded = await LoadAsync(parseResult, parseResult.GetRequiredValue(model), cancellationToken).ConfigureAwait(false);
            using var reranker = new LlamaReranker(loaded);
            var docs = parseResult.GetRequiredValue(documents);
            var ranked = await reranker.RankAsync(parseResult.GetRequiredValue(query), docs, cancellationToken).ConfigureAwait(false);
            var result = ranked.Ranked.Select(score => new { index = score.Index, score = score.Score, document = docs[score.Index] });
            await parseResult.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(result)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Task<LlamaModel> LoadAsync(ParseResult parseResult, string model, CancellationToken cancellationToken) =>
        LlamaModel.LoadAsync(ModelPathResolver.Resolve(parseResult, model), cancellationToken: cancellationToken);

    private static List<string> ReadTexts(string[] texts, FileInfo? file)
    {
        var inputs = new List<string>(texts);
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new CliErrorException($"'{file.FullName}' does not exist.");
            }

            inputs.AddRange(File.ReadAllLines(file.FullName).Where(line => line.Length > 0));
        }

        return inputs.Count > 0 ? inputs : throw new CliErrorException("Give at least one TEXT, or --file with one text per line.");
    }
}
