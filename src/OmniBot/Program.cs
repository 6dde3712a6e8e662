using OmniBot.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // An interactive chat takes Ctrl+C to stop the reply; otherwise the first Ctrl+C cancels the
    // running command and a second one ends the process.
    if (ConsoleInterrupt.TryHandle())
    {
        e.Cancel = true;
        return;
    }

    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

return await OmniBotCli.RunAsync(args, Console.In, Console.Out, Console.Error, cancellation.Token);
