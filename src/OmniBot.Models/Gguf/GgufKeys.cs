namespace OmniBot.Models.Gguf;

/// <summary>The metadata keys llama.cpp reads that the reader validates and <see cref="GgufModelInfo"/> derives facts from.</summary>
internal static class GgufKeys
{
    public const string Architecture = "general.architecture";
    public const string Alignment = "general.alignment";
    public const string Name = "general.name";
    public const string FileType = "general.file_type";
    public const string TokenizerModel = "tokenizer.ggml.model";
    public const string TokenizerPre = "tokenizer.ggml.pre";
    public const string Tokens = "tokenizer.ggml.tokens";
    public const string Scores = "tokenizer.ggml.scores";
    public const string TokenTypes = "tokenizer.ggml.token_type";
    public const string Merges = "tokenizer.ggml.merges";
    public const string BosTokenId = "tokenizer.ggml.bos_token_id";
    public const string EosTokenId = "tokenizer.ggml.eos_token_id";
    public const string ChatTemplate = "tokenizer.chat_template";
    public const string NamedChatTemplatePrefix = "tokenizer.chat_template.";

    public static string ContextLength(string architecture) => $"{architecture}.context_length";

    public static string EmbeddingLength(string architecture) => $"{architecture}.embedding_length";

    public static string BlockCount(string architecture) => $"{architecture}.block_count";

    public static string FeedForwardLength(string architecture) => $"{architecture}.feed_forward_length";

    public static string HeadCount(string architecture) => $"{architecture}.attention.head_count";

    public static string HeadCountKv(string architecture) => $"{architecture}.attention.head_count_kv";

    public static string KeyLength(string architecture) => $"{architecture}.attention.key_length";

    public static string ValueLength(string architecture) => $"{architecture}.attention.value_length";

    public static string VocabSize(string architecture) => $"{architecture}.vocab_size";

    public static string PoolingType(string architecture) => $"{architecture}.pooling_type";
}
