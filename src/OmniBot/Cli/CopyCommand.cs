using System.CommandLine;

namespace OmniBot.Cli;

/// <summary><c>omnibot cp SRC DST</c>: another name for the same model data; nothing is copied on disk.</summary>
internal static class CopyCommand
{
    public static Command Create(StoreCliOptions options)
    {
        var source = new Argument<string>("SRC") { Description = "The existing model, NAME[:TAG]." };
        var destination = new Argument<string>("DST") { Description = "The new name, NAME[:TAG]." };
        var command = new Command("cp", "Give a model another name or tag (no data is copied).") { source, destination };
        command.SetAction((parseResult, cancellationToken) => StoreCliOptions.RunAsync(async () =>
        {
            var from = StoreCliOptions.ParseName(parseResult.GetRequiredValue(source));
            var to = StoreCliOptions.ParseName(parseResult.GetRequiredValue(destination));
            await options.OpenStore(parseResult).CopyAsync(from, to, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.WriteLine($"copied '{from}' to '{to}'");
            return 0;
        }));
        return command;
    }
}
