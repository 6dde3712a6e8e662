using System.Globalization;

namespace OmniBot.TestModels.Tokenizers;

/// <summary>
/// Builds a SentencePiece (llama.cpp "llama") vocabulary: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, the 256
/// byte-fallback tokens, the ChatML control tokens, single characters, pieces learned from
/// <see cref="EnglishCorpus"/> and letter-grown pieces to fill the requested size.
/// </summary>
internal static class SpmVocabularyBuilder
{
    public const string WordBoundary = "\u2581";

    public static TestVocabulary Build(int vocabSize)
    {
        var vocabulary = new VocabularyAccumulator(vocabSize);
        var unknown = vocabulary.Add("<unk>", TokenType.Unknown);
        var bos = vocabulary.Add("<s>", TokenType.Control);
        var eos = vocabulary.Add("</s>", TokenType.Control);
        for (var value = 0; value < 256; value++)
        {
            vocabulary.Add(string.Create(CultureInfo.InvariantCulture, $"<0x{value:X2}>"), TokenType.Byte);
        }

        vocabulary.Add(ChatMlTemplate.StartToken, TokenType.Control);
        var endOfTurn = vocabulary.Add(ChatMlTemplate.EndToken, TokenType.Control);
        vocabulary.Add(WordBoundary, TokenType.Normal, -vocabulary.Tokens.Count);
        foreach (var character in EnglishCorpus.Characters)
        {
            vocabulary.Add(character.ToString(), TokenType.Normal, -vocabulary.Tokens.Count);
        }

        var corpus = EnglishCorpus.Words.Distinct(StringComparer.Ordinal)
            .Select((word, rank) => (Symbols: Split(WordBoundary + word), Weight: ZipfWeight(rank)))
            .Concat(EnglishCorpus.Suffixes.Select((suffix, rank) => (Symbols: Split(suffix), Weight: ZipfWeight(rank))));
        var merges = PieceTrainer.Train(corpus, new HashSet<string>(vocabulary.Known, StringComparer.Ordinal), vocabSize - vocabulary.Tokens.Count);
        foreach (var (left, right) in merges)
        {
            vocabulary.TryAddNormal(left + right);
        }

        vocabulary.GrowUntilFull(
            vocabulary.Tokens.Skip(endOfTurn + 1).ToList(),
            piece => piece.All(character => char.IsAsciiLetter(character) || character == WordBoundary[0]),
            (_, _) => { });

        return new TestVocabulary(
            Model: "llama",
            PreTokenizer: null,
            Tokens: vocabulary.Tokens,
            Scores: vocabulary.Scores,
            TokenTypes: vocabulary.TokenTypes,
            Merges: null,
            BosId: bos,
            EosId: eos,
            UnknownId: unknown,
            PaddingId: null,
            EndOfTurnId: endOfTurn,
            AddBos: true,
            AddSpacePrefix: true);
    }

    internal static long ZipfWeight(int rank) => 1_000_000 / (rank + 1);

    private static IReadOnlyList<string> Split(string text) => [.. text.Select(character => character.ToString())];
}
