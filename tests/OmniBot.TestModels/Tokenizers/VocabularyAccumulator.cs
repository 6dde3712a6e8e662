namespace OmniBot.TestModels.Tokenizers;

/// <summary>Collects unique tokens with their types and scores, up to a fixed vocabulary size.</summary>
internal sealed class VocabularyAccumulator(int capacity)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public List<string> Tokens { get; } = new(capacity);

    public List<int> TokenTypes { get; } = new(capacity);

    public List<float> Scores { get; } = new(capacity);

    public ISet<string> Known => _known;

    public int Capacity => capacity;

    public bool IsFull => Tokens.Count >= capacity;

    public int Add(string text, TokenType type, float score = 0)
    {
        if (IsFull)
        {
            throw new ArgumentException(
                $"The vocabulary size {capacity} is too small for the tokenizer's fixed tokens; use a larger VocabSize.");
        }

        if (!_known.Add(text))
        {
            throw new InvalidOperationException($"Token '{text}' was added twice.");
        }

        Tokens.Add(text);
        TokenTypes.Add((int)type);
        Scores.Add(score);
        return Tokens.Count - 1;
    }

    /// <summary>
    /// Adds a normal piece unless it exists. Earlier pieces score higher, so a SentencePiece tokenizer
    /// prefers them the way byte-pair encoding prefers earlier merges.
    /// </summary>
    public bool TryAddNormal(string text)
    {
        if (IsFull || _known.Contains(text))
        {
            return false;
        }

        Add(text, TokenType.Normal, -Tokens.Count);
        return true;
    }

    /// <summary>
    /// Grows pieces by appending frequent letters to existing pieces, breadth first, until the
    /// vocabulary is full. Each new piece is an existing piece plus a one-letter piece, so it stays
    /// reachable by merging. <paramref name="onAdded"/> sees each (piece, letter) pair that was added.
    /// </summary>
    public void GrowUntilFull(IEnumerable<string> seeds, Func<string, bool> canGrow, Action<string, string> onAdded)
    {
        var queue = new Queue<string>(seeds.Where(canGrow));
        while (!IsFull && queue.Count > 0)
        {
            var piece = queue.Dequeue();
            foreach (var letter in EnglishCorpus.FillLetters)
            {
                var letterText = letter.ToString();
                var grown = piece + letterText;
                if (IsFull)
                {
                    return;
                }

                if (TryAddNormal(grown))
                {
                    onAdded(piece, letterText);
                    queue.Enqueue(grown);
                }
            }
        }

        if (!IsFull)
        {
            throw new InvalidOperationException($"Could not grow the vocabulary to {capacity} tokens.");
        }
    }
}
