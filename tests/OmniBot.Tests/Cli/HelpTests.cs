namespace OmniBot.Tests.Cli;

public sealed class HelpTests
{
    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var run = await CliRun.InvokeAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("hw", run.Output, StringComparison.Ordinal);
        Assert.Contains("inspect <FILE>", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_FailsWithNonZeroExitCode()
    {
        var run = await CliRun.InvokeAsync("frobnicate");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("frobnicate", run.Error, StringComparison.Ordinal);
    }
}
