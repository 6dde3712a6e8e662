using Microsoft.Extensions.AI;

namespace OmniBot.Engine.Chat;

/// <summary>
/// Keeps a conversation inside the context: while the rendered prompt plus room for the reply is too long,
/// it drops the oldest whole turn (a user message and everything answering it), never the system prompt,
/// the last user message, or (when asked) the first user turn.
/// </summary>
internal static class ConversationFitter
{
    /// <summary>
    /// The measurement (tokens and whatever <paramref name="measure"/> produced, e.g. the rendered prompt) of
    /// the messages kept, and how many messages were dropped.
    /// </summary>
    public static (T Result, int Dropped) Fit<T>(
        IReadOnlyList<ChatMessage> messages,
        Func<List<ChatMessage>, (int Tokens, T Result)> measure,
        int budget,
        bool keepFirstUserTurn)
    {
        var kept = messages.ToList();
        var dropped = 0;
        var measured = measure(kept);
        while (measured.Tokens > budget && OldestDroppableTurn(kept, keepFirstUserTurn) is { } turn)
        {
            kept.RemoveRange(turn.Start, turn.Count);
            dropped += turn.Count;
            measured = measure(kept);
        }

        return (measured.Result, dropped);
    }

    private static (int Start, int Count)? OldestDroppableTurn(List<ChatMessage> messages, bool keepFirstUserTurn)
    {
        var userTurns = messages.Select((message, index) => (message, index)).Where(pair => pair.message.Role == ChatRole.User).Select(pair => pair.index).ToList();
        var first = keepFirstUserTurn ? 1 : 0;

        // The last user turn is the question being answered: it always stays.
        if (userTurns.Count - first < 2)
        {
            return null;
        }

        var start = userTurns[first];
        var end = userTurns[first + 1];
        return (start, end - start);
    }
}
