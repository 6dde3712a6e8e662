using System.CommandLine;
using OmniBot.Models.Store;

namespace OmniBot.Cli;

/// <summary>
/// What <c>run</c>, <c>embed</c> and <c>inspect</c> take as MODEL: an existing file path as it is, else a store
/// name (<c>qwen2.5:0.5b</c>) mapped to its blob (a split model's first part, laid out with its siblings).
/// </summary>
internal static class ModelPathResolver
{
    /// <summary>Resolves with the store chosen by the command line's <c>--models-dir</c> (or the default store).</summary>
    public static string Resolve(ParseResult parseResult, string pathOrName)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return Resolve(pathOrName, parseResult.GetValue<string?>(StoreCliOptions.ModelsDirectoryName));
    }

    public static string Resolve(string pathOrName, string? modelsDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathOrName);
        if (File.Exists(pathOrName))
        {
            return Path.GetFullPath(pathOrName);
        }

        var store = StoreCliOptions.OpenStore(modelsDirectory);
        if (ModelRef.TryParse(pathOrName, out var name) && store.Find(name) is not null)
        {
            return store.GetModelPath(name);
        }

        throw new CliErrorException(
            $"'{pathOrName}' is neither a file nor a model in the store at '{store.Root}'. Give the path of a .gguf file, "
            + $"a name from 'omnibot list', or pull it first with 'omnibot pull {pathOrName}'.");
    }
}
