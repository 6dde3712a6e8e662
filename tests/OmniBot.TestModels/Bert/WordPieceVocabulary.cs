using OmniBot.TestModels.Gguf;
using OmniBot.TestModels.Tokenizers;

namespace OmniBot.TestModels.Bert;

/// <summary>
/// A small uncased WordPiece vocabulary in llama.cpp's form (<c>tokenizer.ggml.model = bert</c>): word-initial
/// pieces carry a leading U+2581 and continuations have no "##", as llama.cpp's converter writes them. Every
/// lower-case ASCII word and number tokenizes, through single-character pieces if need be.
/// </summary>
internal static class WordPieceVocabulary
{
    public const int PadId = 0;
    public const int UnknownId = 1;
    public const int ClsId = 2;
    public const int SepId = 3;
    public const int MaskId = 4;
    private const char WordStart = '\u2581';

    public static IReadOnlyList<string> Build()
    {
        var tokens = new List<string> { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" };
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        void Add(string token)
        {
            if (seen.Add(token))
            {
                tokens.Add(token);
            }
        }

        foreach (var character in "abcdefghijklmnopqrstuvwxyz0123456789")
        {
            Add(WordStart + character.ToString());
            Add(character.ToString());
        }

        foreach (var punctuation in ".,?!'\"-:;()[]/")
        {
            Add(WordStart + punctuation.ToString());
        }

        foreach (var word in EnglishCorpus.Words.Select(word => word.ToLowerInvariant()).Where(word => word.All(char.IsAsciiLetterLower)))
        {
            Add(WordStart + word);
        }

        return tokens;
    }

    public static void WriteTo(GgufWriter writer, IReadOnlyList<string> tokens)
    {
        writer.Set("tokenizer.ggml.model", GgufMetadataValue.String("bert"));
        writer.Set("tokenizer.ggml.pre", GgufMetadataValue.String("default"));
        writer.Set("tokenizer.ggml.tokens", GgufMetadataValue.StringArray(tokens));
        writer.Set("tokenizer.ggml.token_type", GgufMetadataValue.Int32Array(tokens.Select((_, id) => (int)(id <= MaskId ? TokenType.Control : TokenType.Normal))));
        writer.Set("tokenizer.ggml.token_type_count", GgufMetadataValue.UInt32(2));
        writer.Set("tokenizer.ggml.bos_token_id", GgufMetadataValue.UInt32(ClsId));
        writer.Set("tokenizer.ggml.cls_token_id", GgufMetadataValue.UInt32(ClsId));

        // llama.cpp's key is spelled this way.
        writer.Set("tokenizer.ggml.seperator_token_id", GgufMetadataValue.UInt32(SepId));
        writer.Set("tokenizer.ggml.unknown_token_id", GgufMetadataValue.UInt32(UnknownId));
        writer.Set("tokenizer.ggml.padding_token_id", GgufMetadataValue.UInt32(PadId));
        writer.Set("tokenizer.ggml.mask_token_id", GgufMetadataValue.UInt32(MaskId));
    }
}
