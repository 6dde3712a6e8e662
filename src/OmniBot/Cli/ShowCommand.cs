using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OmniBot.Models.Store;

namespace OmniBot.Cli;

/// <summary><c>omnibot show NAME[:TAG]</c>: a stored model's facts, from its manifest.</summary>
internal static class ShowCommand
{
    public static Command Create(StoreCliOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The model, NAME or NAME:TAG." };
        var json = new Option<bool>("--json") { Description = "Print the manifest and the model's path as JSON." };
        var command = new Command("show", "Show what a stored model is.") { name, json };
        command.SetAction(parseResult =>
        {
            var model = StoreCliOptions.ParseName(parseResult.GetRequiredValue(name));
            var store = options.OpenStore(parseResult);
            ModelManifest manifest;
            string path;
            try
            {
                manifest = store.Get(model);
                path = store.GetModelPath(model);
            }
            catch (ModelStoreException ex)
            {
                throw new CliErrorException(ex.Message);
            }

            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new { manifest, path }, CliJson.Options));
                return 0;
            }

            var facts = manifest.Facts;
            void Row(string label, object? value) =>
                output.WriteLine($"  {label,-18}{(value is null ? "-" : Convert.ToString(value, CultureInfo.InvariantCulture))}");
            output.WriteLine(manifest.Ref.ToString());
            Row("architecture", facts.Architecture);
            Row("name", facts.ModelName);
            Row("parameters", StoreFormat.Parameters(facts.ParameterCount));
            Row("quantization", facts.FileType);
            Row("context length", facts.ContextLength);
            Row("embedding length", facts.EmbeddingLength);
            Row("blocks", facts.BlockCount);
            Row("heads", facts.HeadCount is null ? null : $"{facts.HeadCount} ({facts.HeadCountKv} KV)");
            Row("vocabulary", facts.VocabSize);
            Row("chat template", facts.HasChatTemplate ? "yes" : "no");
            Row("size", StoreFormat.Size(manifest.Size));
            Row("digest", manifest.Digest);
            Row("files", manifest.Parts.Count);
            Row("source", manifest.Source);
            Row("added", manifest.AddedAt.ToString("u", CultureInfo.InvariantCulture));
            Row("path", path);
            return 0;
        });
        return command;
    }
}
