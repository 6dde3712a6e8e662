using System.CommandLine;
using OmniBot.Models.Store;

namespace OmniBot.Cli;

/// <summary><c>omnibot import PATH [--name NAME[:TAG]]</c>: adds a local GGUF file (hard-linked where possible).</summary>
internal static class ImportCommand
{
    public static Command Create(StoreCliOptions options)
    {
        var path = new Argument<string>("PATH") { Description = "The GGUF file (the first part of a split model)." };
        var name = new Option<string?>("--name") { Description = "Store it as NAME[:TAG] (default: the file name)." };
        var command = new Command("import", "Add a GGUF file on this machine to the store.") { path, name };
        command.SetAction((parseResult, cancellationToken) => StoreCliOptions.RunAsync(async () =>
        {
            var file = parseResult.GetRequiredValue(path);
            var model = parseResult.GetValue(name) is { } given
                ? StoreCliOptions.ParseName(given)
                : new ModelRef(ModelRef.Sanitize(Path.GetFileNameWithoutExtension(file)), ModelRef.DefaultTag);
            var manifest = await options.OpenStore(parseResult).ImportAsync(file, model, cancellationToken: cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.WriteLine($"imported '{manifest.Ref}' ({manifest.ShortId}, {StoreFormat.Size(manifest.Size)})");
            return 0;
        }));
        return command;
    }
}
