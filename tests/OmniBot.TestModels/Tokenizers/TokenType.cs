namespace OmniBot.TestModels.Tokenizers;

/// <summary>llama.cpp's token types as stored in <c>tokenizer.ggml.token_type</c>.</summary>
internal enum TokenType
{
    Normal = 1,
    Unknown = 2,
    Control = 3,
    UserDefined = 4,
    Unused = 5,
    Byte = 6,
}
