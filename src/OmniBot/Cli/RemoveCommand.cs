using System.CommandLine;
using OmniBot.Engine.Hardware;

namespace OmniBot.Cli;

/// <summary><c>omnibot rm NAME[:TAG]</c>: removes a tag and deletes the data no other tag uses.</summary>
internal static class RemoveCommand
{
    public static Command Create(StoreCliOptions options)
    {
        var name = new Argument<string>("NAME") { Description = "The model, NAME or NAME:TAG (tag 'latest' when left out)." };
        var command = new Command("rm", "Remove a model from the store.") { name };
        command.SetAction((parseResult, cancellationToken) => StoreCliOptions.RunAsync(async () =>
        {
            var model = StoreCliOptions.ParseName(parseResult.GetRequiredValue(name));
            var freed = await options.OpenStore(parseResult).RemoveAsync(model, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.WriteLine($"deleted '{model}'" + (freed > 0 ? $" (freed {ByteSize.Format(freed)})" : " (its data is still used by another tag)"));
            return 0;
        }));
        return command;
    }
}
