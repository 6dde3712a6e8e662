using Microsoft.Extensions.AI;

namespace OmniBot.Engine.Chat;

/// <summary>
/// Keeps a conversation inside the context: when the rendered prompt plus room for the reply is too long, it drops
/// the fewest oldest whole turns (a user message and everything answering it) that make it fit, never the system
/// prompt, the last user message, or (when asked) the first user turn.
/// </summary>
internal static class ConversationFitter
{
    /// <summary>
    /// The measurement (tokens and whatever <paramref name="measure"/> produced, e.g. the rendered prompt) of
    /// the messages kept, and how many messages were dropped.
    /// </summary>
    /// <remarks>
    /// The number of turns to drop is found by bisection, so a conversation of n turns is rendered about log n
    /// times rather than n times (a request with thousands of turns would otherwise cost quadratic time).
    /// </remarks>
    public static (T Result, int Dropped) Fit<T>(
        IReadOnlyList<ChatMessage> messages,
        Func<List<ChatMessage>, (int Tokens, T Result)> measure,
        int budget,
        bool keepFirstUserTurn)
    {
        var measured = measure([.. messages]);
        if (measured.Tokens <= budget)
        {
            return (measured.Result, 0);
        }

        var userTurns = messages.Select((message, index) => (message, index)).Where(pair => pair.message.Role == ChatRole.User).Select(pair => pair.index).ToList();
        var first = keepFirstUserTurn ? 1 : 0;

        // The last user turn is the question being answered: it always stays.
        var droppable = userTurns.Count - first - 1;
        if (droppable < 1)
        {
            return (measured.Result, 0);
        }

        List<ChatMessage> Keep(int turns) => [.. messages.Take(userTurns[first]), .. messages.Skip(userTurns[first + turns])];
        int DroppedMessages(int turns) => userTurns[first + turns] - userTurns[first];

        var mostMeasured = measure(Keep(droppable));
        if (mostMeasured.Tokens > budget)
        {
            return (mostMeasured.Result, DroppedMessages(droppable));
        }

        // Invariant: dropping `low` turns is too long, dropping `high` fits.
        var (low, high, fitting) = (0, droppable, mostMeasured);
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            var candidate = measure(Keep(middle));
            if (candidate.Tokens <= budget)
            {
                (high, fitting) = (middle, candidate);
            }
            else
            {
                low = middle;
            }
        }

        return (fitting.Result, DroppedMessages(high));
    }
}
