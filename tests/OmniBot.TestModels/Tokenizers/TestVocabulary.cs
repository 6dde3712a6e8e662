using OmniBot.TestModels.Gguf;

namespace OmniBot.TestModels.Tokenizers;

/// <summary>A finished synthetic tokenizer, ready to be written as <c>tokenizer.ggml.*</c> metadata.</summary>
internal sealed record TestVocabulary(
    string Model,
    string? PreTokenizer,
    IReadOnlyList<string> Tokens,
    IReadOnlyList<float>? Scores,
    IReadOnlyList<int> TokenTypes,
    IReadOnlyList<string>? Merges,
    int BosId,
    int EosId,
    int? UnknownId,
    int? PaddingId,
    int EndOfTurnId,
    bool AddBos,
    bool? AddSpacePrefix)
{
    public void WriteTo(GgufWriter writer)
    {
        writer.Set("tokenizer.ggml.model", GgufMetadataValue.String(Model));
        if (PreTokenizer is not null)
        {
            writer.Set("tokenizer.ggml.pre", GgufMetadataValue.String(PreTokenizer));
        }

        writer.Set("tokenizer.ggml.tokens", GgufMetadataValue.StringArray(Tokens));
        if (Scores is not null)
        {
            writer.Set("tokenizer.ggml.scores", GgufMetadataValue.Float32Array(Scores));
        }

        writer.Set("tokenizer.ggml.token_type", GgufMetadataValue.Int32Array(TokenTypes));
        if (Merges is not null)
        {
            writer.Set("tokenizer.ggml.merges", GgufMetadataValue.StringArray(Merges));
        }

        writer.Set("tokenizer.ggml.bos_token_id", GgufMetadataValue.UInt32((uint)BosId));
        writer.Set("tokenizer.ggml.eos_token_id", GgufMetadataValue.UInt32((uint)EosId));
        if (UnknownId is { } unknown)
        {
            writer.Set("tokenizer.ggml.unknown_token_id", GgufMetadataValue.UInt32((uint)unknown));
        }

        if (PaddingId is { } padding)
        {
            writer.Set("tokenizer.ggml.padding_token_id", GgufMetadataValue.UInt32((uint)padding));
        }

        writer.Set("tokenizer.ggml.eot_token_id", GgufMetadataValue.UInt32((uint)EndOfTurnId));
        writer.Set("tokenizer.ggml.add_bos_token", GgufMetadataValue.Bool(AddBos));
        writer.Set("tokenizer.ggml.add_eos_token", GgufMetadataValue.Bool(false));
        if (AddSpacePrefix is { } addSpacePrefix)
        {
            writer.Set("tokenizer.ggml.add_space_prefix", GgufMetadataValue.Bool(addSpacePrefix));
        }
    }
}
