using System.CommandLine;
using OmniBot.Models.Store;

namespace OmniBot.Cli;

/// <summary>The global <c>--models-dir</c> option and the store it opens.</summary>
internal sealed class StoreCliOptions
{
    public const string ModelsDirectoryName = "--models-dir";

    public Option<string?> ModelsDirectory { get; } = new(ModelsDirectoryName)
    {
        Description = $"The model store folder (default: ${ModelStore.HomeEnvironmentVariable}/models, else ~/.omnibot/models).",
        Recursive = true,
    };

    public ModelStore OpenStore(ParseResult parseResult) => OpenStore(parseResult.GetValue(ModelsDirectory));

    public static ModelStore OpenStore(string? modelsDirectory) => new(ModelStore.ResolveRoot(modelsDirectory));

    /// <summary>Parses a model name argument, turning a bad name into a one-line CLI error.</summary>
    public static ModelRef ParseName(string text)
    {
        try
        {
            return ModelRef.Parse(text);
        }
        catch (InvalidModelNameException ex)
        {
            throw new CliErrorException(ex.Message);
        }
    }

    /// <summary>Runs a store command, reporting store failures as one-line CLI errors.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (ModelStoreException ex)
        {
            throw new CliErrorException(ex.Message);
        }
    }
}
