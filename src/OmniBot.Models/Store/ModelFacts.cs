using OmniBot.Models.Gguf;

namespace OmniBot.Models.Store;

/// <summary>The GGUF facts a manifest records so that list and show need not open the model file.</summary>
public sealed record ModelFacts
{
    public required string Architecture { get; init; }

    public string? ModelName { get; init; }

    /// <summary>Weights in the (first) file; a split model's other parts add to it.</summary>
    public long ParameterCount { get; init; }

    /// <summary>The quantization, e.g. "Q4_K_M".</summary>
    public string? FileType { get; init; }

    public long? ContextLength { get; init; }

    public long? EmbeddingLength { get; init; }

    public int? BlockCount { get; init; }

    public int? HeadCount { get; init; }

    public int? HeadCountKv { get; init; }

    public long? VocabSize { get; init; }

    public string? TokenizerModel { get; init; }

    public GgufPoolingType? PoolingType { get; init; }

    public bool HasChatTemplate { get; init; }

    public uint GgufVersion { get; init; }

    public static ModelFacts From(GgufModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new ModelFacts
        {
            Architecture = info.Architecture,
            ModelName = info.Name,
            ParameterCount = info.ParameterCount,
            FileType = info.FileType,
            ContextLength = info.ContextLength,
            EmbeddingLength = info.EmbeddingLength,
            BlockCount = info.BlockCount,
            HeadCount = info.HeadCount,
            HeadCountKv = info.HeadCountKv,
            VocabSize = info.VocabSize,
            TokenizerModel = info.TokenizerModel,
            PoolingType = info.PoolingType,
            HasChatTemplate = info.ChatTemplate is not null,
            GgufVersion = info.File.Version,
        };
    }
}
