using System.CommandLine;
using OmniBot.Engine.Runtime;

namespace OmniBot.Cli;

/// <summary>
/// The <c>omnibot</c> command line. Takes its writers as arguments so tests run it in-process.
/// Known failures print one line on stderr and exit with 1; stack traces only with --verbose.
/// </summary>
public static class OmniBotCli
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, TextReader.Null, output, error, cancellationToken);

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var globals = new CliGlobalOptions();
        var store = new StoreCliOptions();
        var root = new RootCommand("OmniBot: a local AI assistant running open models in-process with llama.cpp.")
        {
            globals.Verbose,
            globals.NativeLibrary,
            HardwareCommand.Create(globals),
            InspectCommand.Create(),
            RunCommand.Create(globals, input),
            BenchCommand.Create(),
            store.ModelsDirectory,
            PullCommand.Create(store),
            ListCommand.Create(store),
            ShowCommand.Create(store),
            RemoveCommand.Create(store),
            CopyCommand.Create(store),
            ImportCommand.Create(store),
            TemplateCommand.Create(store),
            EmbedCommand.CreateEmbed(),
            EmbedCommand.CreateRerank(),
            ServeCommand.Create(globals, store),
        };

        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("omnibot: cancelled");
            return 130;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Every failure ends as one line on stderr (the details with --verbose), never a crash dump:
            // the engine's, store's and template errors all say what is wrong and how to fix it.
            return Fail(error, ex, globals.IsVerbose(parseResult));
        }
    }

    private static int Fail(TextWriter error, Exception ex, bool verbose)
    {
        var oneLine = string.Join(' ', ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        error.WriteLine($"omnibot: error: {oneLine}");
        if (verbose)
        {
            error.WriteLine(ex.ToString());
        }

        return 1;
    }
}
