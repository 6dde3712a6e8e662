namespace OmniBot.TestModels.Tokenizers;

/// <summary>
/// Builds a GPT-2 style byte-level BPE vocabulary (llama.cpp "gpt2" with the "qwen2" pre-tokenizer):
/// the 256 byte tokens in GPT-2's byte-to-unicode mapping, merges learned from
/// <see cref="EnglishCorpus"/> then letter-grown merges until the size is reached (every merge
/// "a b" yields an existing token "ab"), and the control tokens at the end, as Qwen orders them.
/// </summary>
internal static class Gpt2BpeVocabularyBuilder
{
    public const string EndOfTextToken = "<|endoftext|>";
    private const int ControlTokenCount = 3;

    public static TestVocabulary Build(int vocabSize)
    {
        var vocabulary = new VocabularyAccumulator(vocabSize - ControlTokenCount);
        foreach (var character in Gpt2ByteMapping.CharactersInVocabularyOrder)
        {
            vocabulary.Add(character.ToString(), TokenType.Normal);
        }

        var space = Gpt2ByteMapping.Map(" ");
        var corpus = EnglishCorpus.Words.Distinct(StringComparer.Ordinal)
            .Select((word, rank) => (Symbols: Split(space + Gpt2ByteMapping.Map(word)), Weight: SpmVocabularyBuilder.ZipfWeight(rank)))
            .Concat(EnglishCorpus.Suffixes.Select((suffix, rank) => (Symbols: Split(suffix), Weight: SpmVocabularyBuilder.ZipfWeight(rank))));
        var learned = PieceTrainer.Train(corpus, new HashSet<string>(vocabulary.Known, StringComparer.Ordinal), vocabulary.Capacity - vocabulary.Tokens.Count);
        var merges = new List<string>(vocabSize);
        foreach (var (left, right) in learned)
        {
            merges.Add(left + " " + right);
            vocabulary.TryAddNormal(left + right);
        }

        var seeds = new List<string> { space };
        seeds.AddRange(EnglishCorpus.FillLetters.Select(letter => letter.ToString()));
        seeds.AddRange(vocabulary.Tokens.Skip(256));
        vocabulary.GrowUntilFull(
            seeds,
            piece => piece.All(character => char.IsAsciiLetter(character) || character == space[0]),
            (piece, letter) => merges.Add(piece + " " + letter));

        var tokens = new List<string>(vocabulary.Tokens);
        var types = new List<int>(vocabulary.TokenTypes);
        var endOfText = AddControl(tokens, types, EndOfTextToken);
        AddControl(tokens, types, ChatMlTemplate.StartToken);
        var endOfTurn = AddControl(tokens, types, ChatMlTemplate.EndToken);
        return new TestVocabulary(
            Model: "gpt2",
            PreTokenizer: "qwen2",
            Tokens: tokens,
            Scores: null,
            TokenTypes: types,
            Merges: merges,
            BosId: endOfText,
            EosId: endOfTurn,
            UnknownId: null,
            PaddingId: endOfText,
            EndOfTurnId: endOfTurn,
            AddBos: false,
            AddSpacePrefix: null);
    }

    private static int AddControl(List<string> tokens, List<int> types, string text)
    {
        tokens.Add(text);
        types.Add((int)TokenType.Control);
        return tokens.Count - 1;
    }

    private static IReadOnlyList<string> Split(string text) => [.. text.Select(character => character.ToString())];
}
