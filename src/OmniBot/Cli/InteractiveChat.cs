using OmniBot.Engine.Sessions;

namespace OmniBot.Cli;

/// <summary>The terminal chat of <c>omnibot run MODEL</c>: a prompt per line, replies streamed.</summary>
internal sealed class InteractiveChat(LlamaChatSession session, TextReader input, TextWriter output, TextWriter error, TextWriter? stats, Func<Task> saveAfterReply)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await error.WriteLineAsync("Chatting. /bye to leave, /clear to forget the conversation, Ctrl+C stops a reply.").ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteAsync(">>> ").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || line.Trim() is "/bye" or "/exit")
            {
                return;
            }

            if (line.Trim() == "/clear")
            {
                session.ClearHistory();
                await error.WriteLineAsync("Cleared the conversation.").ConfigureAwait(false);
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            await ReplyAsync(line, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReplyAsync(string line, CancellationToken cancellationToken)
    {
        using var reply = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = ConsoleInterrupt.Register(() =>
        {
            reply.Cancel();
            return true;
        });
        try
        {
            await RunCommand.StreamReplyAsync(session, line, output, stats, reply.Token).ConfigureAwait(false);
            await saveAfterReply().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await error.WriteLineAsync("(reply stopped)").ConfigureAwait(false);
        }
    }
}
