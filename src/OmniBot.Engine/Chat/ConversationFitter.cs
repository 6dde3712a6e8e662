using Microsoft.Extensions.AI;

namespace OmniBot.Engine.Chat;

/// <summary>
/// Keeps a conversation inside the context: while the rendered prompt plus room for the reply is too long,
/// it drops the oldest whole turn (a user message and everything answering it), never the system prompt,
/// the last user message, or (when asked) the first user turn.
/// </summary>
internal static class ConversationFitter
{
    /// <summary>The messages to render and how many were dropped.</summary>
    public static (List<ChatMessage> Messages, int Dropped) Fit(
        IReadOnlyList<ChatMessage> messages,
        Func<List<ChatMessage>, int> countTokens,
        int budget,
        bool keepFirstUserTurn)
    {
        var kept = messages.ToList();
        var dropped = 0;
        while (countTokens(kept) > budget)
        {
            var range = OldestDroppableTurn(kept, keepFirstUserTurn);
            if (range is not { } turn)
            {
                break;
            }

            kept.RemoveRange(turn.Start, turn.Count);
            dropped += turn.Count;
        }

        return (kept, dropped);
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
