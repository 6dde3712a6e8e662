namespace OmniBot.Models.Gguf;

/// <summary>
/// Facts about a model derived from its GGUF metadata and tensors: what it is, how big, how it is
/// quantized, its shape and its tokenizer. Values the file does not state are null.
/// </summary>
public sealed class GgufModelInfo
{
    private GgufModelInfo(GgufFile file)
    {
        File = file;
        Architecture = file.Architecture;
        var metadata = file.Metadata;
        Name = GetString(metadata, GgufKeys.Name);
        TensorCount = file.Tensors.Count;
        ParameterCount = file.Tensors.Sum(tensor => tensor.ElementCount);
        TensorDataBytes = file.Tensors.Sum(tensor => tensor.ByteSize);
        TensorTypes = file.Tensors
            .GroupBy(tensor => tensor.Type)
            .Select(group => new GgufTensorTypeSummary(group.Key, group.Count(), group.Sum(tensor => tensor.ElementCount), group.Sum(tensor => tensor.ByteSize)))
            .OrderByDescending(summary => summary.ByteSize)
            .ThenBy(summary => summary.Type)
            .ToArray();
        FileTypeId = GetInteger(metadata, GgufKeys.FileType);
        FileType = (FileTypeId is { } id ? LlamaFileTypes.GetName(id) : null)
            ?? TensorTypes.MaxBy(summary => summary.ElementCount)?.Type.ToString();

        ContextLength = GetInteger(metadata, GgufKeys.ContextLength(Architecture));
        EmbeddingLength = GetInteger(metadata, GgufKeys.EmbeddingLength(Architecture));
        BlockCount = (int?)GetInteger(metadata, GgufKeys.BlockCount(Architecture));
        FeedForwardLengthByLayer = GetPerLayer(metadata, GgufKeys.FeedForwardLength(Architecture), BlockCount);
        HeadCountByLayer = GetPerLayer(metadata, GgufKeys.HeadCount(Architecture), BlockCount);

        // llama.cpp's default: without a separate KV head count, every attention head has its own KV head.
        HeadCountKvByLayer = GetPerLayer(metadata, GgufKeys.HeadCountKv(Architecture), BlockCount) ?? HeadCountByLayer;
        FeedForwardLength = GetLargest(metadata, GgufKeys.FeedForwardLength(Architecture));
        HeadCount = (int?)GetLargest(metadata, GgufKeys.HeadCount(Architecture));
        HeadCountKv = (int?)GetLargest(metadata, GgufKeys.HeadCountKv(Architecture)) ?? HeadCount;
        KeyLength = GetInteger(metadata, GgufKeys.KeyLength(Architecture)) ?? DefaultHeadLength();
        ValueLength = GetInteger(metadata, GgufKeys.ValueLength(Architecture)) ?? DefaultHeadLength();

        TokenizerModel = GetString(metadata, GgufKeys.TokenizerModel);
        TokenizerPre = GetString(metadata, GgufKeys.TokenizerPre);
        VocabSize = metadata.TryGetValue(GgufKeys.Tokens, out var tokens)
            ? tokens.AsArray().Count
            : GetInteger(metadata, GgufKeys.VocabSize(Architecture));
        BosTokenId = (int?)GetInteger(metadata, GgufKeys.BosTokenId);
        EosTokenId = (int?)GetInteger(metadata, GgufKeys.EosTokenId);
        PoolingType = (GgufPoolingType?)GetInteger(metadata, GgufKeys.PoolingType(Architecture));
        ChatTemplate = GetString(metadata, GgufKeys.ChatTemplate);
        ChatTemplates = metadata
            .Where(entry => entry.Key.StartsWith(GgufKeys.NamedChatTemplatePrefix, StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key[GgufKeys.NamedChatTemplatePrefix.Length..], entry => entry.Value.AsString(), StringComparer.Ordinal);
    }

    /// <summary>The file the facts come from.</summary>
    public GgufFile File { get; }

    /// <summary>general.architecture, e.g. "llama", "qwen2", "bert".</summary>
    public string Architecture { get; }

    /// <summary>general.name.</summary>
    public string? Name { get; }

    /// <summary>The number of weights: the elements of every tensor.</summary>
    public long ParameterCount { get; }

    /// <summary>The bytes of tensor data (the weights as stored).</summary>
    public long TensorDataBytes { get; }

    /// <summary>
    /// The quantization, e.g. "Q4_K_M", "Q8_0", "F16": named from general.file_type, or else the tensor type
    /// holding most weights; null for a file without either (a vocabulary-only file).
    /// </summary>
    public string? FileType { get; }

    /// <summary>general.file_type as stored (llama.cpp's llama_ftype number).</summary>
    public long? FileTypeId { get; }

    /// <summary>The quantization mix: each tensor type with its tensor count, weights and bytes, largest first.</summary>
    public IReadOnlyList<GgufTensorTypeSummary> TensorTypes { get; }

    public int TensorCount { get; }

    /// <summary>The context length the model was trained for.</summary>
    public long? ContextLength { get; }

    public long? EmbeddingLength { get; }

    /// <summary>The number of repeating layers (blocks).</summary>
    public int? BlockCount { get; }

    /// <summary>The feed-forward width (the largest, where it differs by layer).</summary>
    public long? FeedForwardLength { get; }

    /// <summary>Attention heads (the most in any layer, where it differs by layer).</summary>
    public int? HeadCount { get; }

    /// <summary>Key/value heads (grouped-query attention); the head count when the file does not say.</summary>
    public int? HeadCountKv { get; }

    /// <summary>The size of one key head: attention.key_length, else embedding length / head count.</summary>
    public long? KeyLength { get; }

    /// <summary>The size of one value head: attention.value_length, else embedding length / head count.</summary>
    public long? ValueLength { get; }

    /// <summary>The number of tokens: the length of tokenizer.ggml.tokens, else &lt;arch&gt;.vocab_size.</summary>
    public long? VocabSize { get; }

    /// <summary>tokenizer.ggml.model, e.g. "llama" (SentencePiece), "gpt2" (BPE), "bert" (WordPiece).</summary>
    public string? TokenizerModel { get; }

    /// <summary>tokenizer.ggml.pre: the pre-tokenizer of a BPE vocabulary.</summary>
    public string? TokenizerPre { get; }

    public int? BosTokenId { get; }

    public int? EosTokenId { get; }

    /// <summary>How an embedding model pools its output; null when the file does not say.</summary>
    public GgufPoolingType? PoolingType { get; }

    /// <summary>The default chat template (tokenizer.chat_template), a Jinja template.</summary>
    public string? ChatTemplate { get; }

    /// <summary>Named chat templates (tokenizer.chat_template.&lt;name&gt;, e.g. "tool_use"), by name.</summary>
    public IReadOnlyDictionary<string, string> ChatTemplates { get; }

    internal IReadOnlyList<long>? FeedForwardLengthByLayer { get; }

    internal IReadOnlyList<long>? HeadCountByLayer { get; }

    internal IReadOnlyList<long>? HeadCountKvByLayer { get; }

    /// <summary>Derives the facts of a file <see cref="GgufReader"/> has read (and so validated).</summary>
    public static GgufModelInfo FromFile(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new GgufModelInfo(file);
    }

    /// <summary>Reads and validates a GGUF file and derives its facts.</summary>
    public static GgufModelInfo Read(string path) => FromFile(GgufReader.Read(path));

    private long? DefaultHeadLength() =>
        EmbeddingLength is { } embedding && HeadCountByLayer is [> 0 and var heads, ..] ? embedding / heads : null;

    // The reader has validated the types of these keys, so a present value has the expected type.
    private static string? GetString(GgufMetadata metadata, string key) =>
        metadata.TryGetValue(key, out var value) ? value.AsString() : null;

    private static long? GetInteger(GgufMetadata metadata, string key) =>
        metadata.TryGetValue(key, out var value) && value.TryGetInt64(out var number) ? number : null;

    private static long? GetLargest(GgufMetadata metadata, string key) =>
        metadata.TryGetValue(key, out var value) && value.Type == GgufValueType.Array
            ? (value.AsArray().TryGetInt64s(out var numbers) && numbers.Length > 0 ? numbers.Max() : null)
            : GetInteger(metadata, key);

    private static long[]? GetPerLayer(GgufMetadata metadata, string key, int? blockCount)
    {
        if (!metadata.TryGetValue(key, out var value))
        {
            return null;
        }

        if (value.Type == GgufValueType.Array)
        {
            return value.AsArray().TryGetInt64s(out var numbers) ? numbers : null;
        }

        return value.TryGetInt64(out var number) ? Enumerable.Repeat(number, blockCount ?? 1).ToArray() : null;
    }
}
