using Spectre.Console;

namespace OmniBot.Cli;

/// <summary>Spectre.Console bound to a command's output writer: colours on a terminal, plain text elsewhere.</summary>
internal static class CliConsole
{
    private const int RedirectedWidth = 160;

    public static IAnsiConsole Create(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Files and pipes have no width; wrap late so long paths and reasons stay readable.
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
