namespace OmniBot.Cli;

/// <summary>
/// Lets an interactive command take Ctrl+C for itself (stop the current reply) instead of ending the
/// process. The innermost registered handler wins; without one, Ctrl+C cancels the command.
/// </summary>
public static class ConsoleInterrupt
{
    private static readonly Lock Gate = new();
    private static readonly List<Func<bool>> Handlers = [];

    /// <summary>Returns true when a registered handler consumed the interrupt.</summary>
    public static bool TryHandle()
    {
        Func<bool>? handler;
        lock (Gate)
        {
            handler = Handlers.Count > 0 ? Handlers[^1] : null;
        }

        return handler?.Invoke() ?? false;
    }

    public static IDisposable Register(Func<bool> handler)
    {
        lock (Gate)
        {
            Handlers.Add(handler);
        }

        return new Registration(handler);
    }

    private sealed class Registration(Func<bool> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                Handlers.Remove(handler);
            }
        }
    }
}
