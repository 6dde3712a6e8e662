using OmniBot.Cli;

namespace OmniBot.Tests.Cli;

/// <summary>What one in-process run of the CLI produced.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static Task<CliRun> InvokeAsync(params string[] args) => InvokeWithInputAsync(string.Empty, args);

    public static async Task<CliRun> InvokeWithInputAsync(string input, params string[] args)
    {
        using var reader = new StringReader(input);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await OmniBotCli.RunAsync(args, reader, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
