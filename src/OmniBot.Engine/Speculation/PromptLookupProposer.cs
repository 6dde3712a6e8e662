using LLama.Native;

namespace OmniBot.Engine.Speculation;

/// <summary>
/// Prompt lookup decoding: when the last n tokens occurred before, the tokens that followed them then
/// are a good guess for what follows now (quotes, code edits, repeated structure).
/// </summary>
internal static class PromptLookupProposer
{
    public static List<LLamaToken> Propose(IReadOnlyList<LLamaToken> history, SpeculationOptions options, int maxTokens)
    {
        var draft = new List<LLamaToken>();
        if (maxTokens <= 0)
        {
            return draft;
        }

        for (var n = Math.Min(options.MaxNgramSize, history.Count - 1); n >= options.MinNgramSize; n--)
        {
            var match = LatestEarlierOccurrence(history, n);
            if (match < 0)
            {
                continue;
            }

            for (var i = match + n; i < history.Count && draft.Count < maxTokens; i++)
            {
                draft.Add(history[i]);
            }

            return draft;
        }

        return draft;
    }

    /// <summary>Start of the latest earlier occurrence of the last <paramref name="n"/> tokens, or -1.</summary>
    private static int LatestEarlierOccurrence(IReadOnlyList<LLamaToken> history, int n)
    {
        var suffixStart = history.Count - n;
        for (var start = suffixStart - 1; start >= 0; start--)
        {
            var matches = true;
            for (var k = 0; k < n; k++)
            {
                if (history[start + k] != history[suffixStart + k])
                {
                    matches = false;
                    break;
                }
            }

            if (matches)
            {
                return start;
            }
        }

        return -1;
    }
}
