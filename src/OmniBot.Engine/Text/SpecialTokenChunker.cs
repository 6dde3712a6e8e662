using LLama.Native;

namespace OmniBot.Engine.Text;

/// <summary>
/// Cuts long text that is tokenized with special tokens parsed into pieces that tokenize to the same tokens one by one.
/// llama.cpp's special-token pass searches the rest of the whole text once per fragment for every special token that
/// does not occur, so a prompt with tens of thousands of messages costs it seconds to minutes. Each cut is made right
/// before a special token that llama.cpp splits the text at anyway, and only where no other special token's text
/// overlaps it, so the pieces are the fragments llama.cpp would make.
/// </summary>
internal sealed class SpecialTokenChunker
{
    /// <summary>Characters per piece, about: the cost of llama.cpp's pass grows with the square of it.</summary>
    public const int DefaultChunkLength = 8192;

    private readonly string[] _specials;
    private readonly int _longest;
    private readonly int _chunkLength;

    public SpecialTokenChunker(IEnumerable<string> specialTokenTexts, int chunkLength = DefaultChunkLength)
    {
        ArgumentNullException.ThrowIfNull(specialTokenTexts);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        _specials = [.. specialTokenTexts.Where(text => text.Length > 0).Distinct(StringComparer.Ordinal)];
        _longest = _specials.Length == 0 ? 0 : _specials.Max(text => text.Length);
        _chunkLength = chunkLength;
    }

    /// <summary>The special token texts the pieces are cut before.</summary>
    public IReadOnlyList<string> SpecialTokens => _specials;

    /// <summary>The texts of the vocabulary's control and user-defined tokens: what llama.cpp parses as special.</summary>
    public static List<string> SpecialTokenTexts(SafeLlamaModelHandle.Vocabulary vocab)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        var texts = new List<string>();
        for (var id = 0; id < vocab.Count; id++)
        {
            var attributes = ((LLamaToken)id).GetAttributes(vocab);
            if ((attributes & (LLamaTokenAttr.Control | LLamaTokenAttr.UserDefined)) != 0)
            {
                var text = vocab.LLamaTokenToString(id, true);
                if (!string.IsNullOrEmpty(text))
                {
                    texts.Add(text);
                }
            }
        }

        return texts;
    }

    /// <summary><paramref name="text"/> in pieces of about the chunk length, each but the first starting with a special token.</summary>
    public List<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        var start = 0;
        while (text.Length - start > _chunkLength && NextCut(text, start + _chunkLength) is { } cut)
        {
            pieces.Add(text[start..cut]);
            start = cut;
        }

        pieces.Add(text[start..]);
        return pieces;
    }

    private int? NextCut(string text, int from)
    {
        while (from < text.Length)
        {
            var (at, length) = NearestSpecial(text, from);
            if (at < 0)
            {
                return null;
            }

            if (at > 0 && IsAlone(text, at, length))
            {
                return at;
            }

            from = at + 1;
        }

        return null;
    }

    private (int At, int Length) NearestSpecial(string text, int from)
    {
        var (at, length) = (-1, 0);
        foreach (var special in _specials)
        {
            var index = text.IndexOf(special, from, at < 0 ? text.Length - from : Math.Min(text.Length - from, at - from + special.Length), StringComparison.Ordinal);
            if (index >= 0 && (at < 0 || index < at || (index == at && special.Length > length)))
            {
                (at, length) = (index, special.Length);
            }
        }

        return (at, length);
    }

    /// <summary>Whether the special token at <paramref name="at"/> is the only special text on its characters, so llama.cpp matches it there.</summary>
    private bool IsAlone(string text, int at, int length)
    {
        var windowStart = Math.Max(0, at - _longest);
        var windowEnd = Math.Min(text.Length, at + length + _longest);
        foreach (var special in _specials)
        {
            for (var index = text.IndexOf(special, windowStart, windowEnd - windowStart, StringComparison.Ordinal);
                index >= 0;
                index = index + 1 < windowEnd ? text.IndexOf(special, index + 1, windowEnd - index - 1, StringComparison.Ordinal) : -1)
            {
                var isThisOne = index == at && special.Length == length;
                if (!isThisOne && index < at + length && index + special.Length > at)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
