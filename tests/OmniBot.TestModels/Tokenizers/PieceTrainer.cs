namespace OmniBot.TestModels.Tokenizers;

/// <summary>
/// Learns byte-pair merges from a weighted word list: repeatedly joins the most frequent adjacent pair
/// (ties broken by ordinal order, so the result is deterministic) until every word is one piece or the
/// budget of new pieces is spent.
/// </summary>
internal static class PieceTrainer
{
    public static IReadOnlyList<(string Left, string Right)> Train(
        IEnumerable<(IReadOnlyList<string> Symbols, long Weight)> words, ISet<string> knownPieces, int maxNewPieces)
    {
        var corpus = words.Select(word => (Symbols: new List<string>(word.Symbols), word.Weight)).ToList();
        var merges = new List<(string Left, string Right)>();
        var newPieces = 0;
        while (newPieces < maxNewPieces)
        {
            var best = FindBestPair(corpus);
            if (best is not { } pair)
            {
                break;
            }

            merges.Add(pair);
            if (knownPieces.Add(pair.Left + pair.Right))
            {
                newPieces++;
            }

            foreach (var (symbols, _) in corpus)
            {
                ApplyMerge(symbols, pair.Left, pair.Right);
            }
        }

        return merges;
    }

    private static (string Left, string Right)? FindBestPair(List<(List<string> Symbols, long Weight)> corpus)
    {
        var counts = new Dictionary<(string, string), long>();
        foreach (var (symbols, weight) in corpus)
        {
            for (var i = 0; i + 1 < symbols.Count; i++)
            {
                var pair = (symbols[i], symbols[i + 1]);
                counts[pair] = counts.GetValueOrDefault(pair) + weight;
            }
        }

        (string Left, string Right)? best = null;
        long bestCount = 0;
        foreach (var (pair, count) in counts)
        {
            if (count > bestCount || (count == bestCount && best is { } current && Compare(pair, current) < 0))
            {
                best = pair;
                bestCount = count;
            }
        }

        return best;
    }

    private static int Compare((string Left, string Right) a, (string Left, string Right) b)
    {
        var left = string.CompareOrdinal(a.Left, b.Left);
        return left != 0 ? left : string.CompareOrdinal(a.Right, b.Right);
    }

    private static void ApplyMerge(List<string> symbols, string left, string right)
    {
        for (var i = 0; i + 1 < symbols.Count; i++)
        {
            if (symbols[i] == left && symbols[i + 1] == right)
            {
                symbols[i] = left + right;
                symbols.RemoveAt(i + 1);
            }
        }
    }
}
