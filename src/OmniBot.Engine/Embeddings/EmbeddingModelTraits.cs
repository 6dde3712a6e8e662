using OmniBot.Engine.Loading;
using OmniBot.Models.Gguf;

namespace OmniBot.Engine.Embeddings;

/// <summary>What the embedding path needs to know about a loaded model.</summary>
internal static class EmbeddingModelTraits
{
    /// <summary>
    /// True for models that run through llama_encode: encoder-only ones, and those whose GGUF says attention is
    /// not causal (BERT and its kin, which llama.cpp does not report as having an encoder).
    /// </summary>
    public static bool IsEncoderOnly(LlamaModel model)
    {
        var handle = model.Handle;
        if (handle.HasEncoder && !handle.HasDecoder)
        {
            return true;
        }

        var metadata = model.Info.File.Metadata;
        return metadata.TryGetValue($"{model.Info.Architecture}.attention.causal", out var causal)
            && causal.Type == GgufValueType.Bool
            && !causal.AsBool();
    }

    /// <summary>The model's own rerank prompt (tokenizer.chat_template.rerank), when it has one.</summary>
    public static string? RerankTemplate(LlamaModel model) =>
        model.Info.ChatTemplates.TryGetValue("rerank", out var template) ? template : null;

    public static string ModelId(LlamaModel model, EmbeddingContextOptions options) =>
        options.ModelId ?? model.Info.Name ?? Path.GetFileNameWithoutExtension(model.Path);
}
