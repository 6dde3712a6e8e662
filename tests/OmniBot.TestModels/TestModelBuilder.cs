using System.Globalization;
using OmniBot.TestModels.Gguf;
using OmniBot.TestModels.Tokenizers;
using OmniBot.TestModels.Weights;

namespace OmniBot.TestModels;

/// <summary>
/// Describes a synthetic model as a <see cref="GgufWriter"/>: the hyper-parameters llama.cpp needs for
/// the architecture, the tokenizer, the ChatML template and seeded weights. Callers may change the
/// metadata (another chat template, a broken key) before writing.
/// </summary>
public static class TestModelBuilder
{
    private const uint FileTypeAllF32 = 0;
    private const uint FileTypeMostlyF16 = 1;

    /// <param name="weightType">The type of the 2-D weight matrices; norms and biases are always F32, as llama.cpp's converter writes them.</param>
    public static GgufWriter CreateWriter(TestModelSpec spec, GgufTensorType weightType)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var architecture = spec.Architecture == TestArchitecture.Llama ? "llama" : "qwen2";
        var writer = new GgufWriter();
        writer.Set("general.architecture", GgufMetadataValue.String(architecture));
        writer.Set("general.type", GgufMetadataValue.String("model"));
        writer.Set("general.name", GgufMetadataValue.String(spec.Name));
        writer.Set("general.file_type", GgufMetadataValue.UInt32(weightType == GgufTensorType.F32 ? FileTypeAllF32 : FileTypeMostlyF16));
        writer.Set($"{architecture}.context_length", GgufMetadataValue.UInt32((uint)spec.ContextLength));
        writer.Set($"{architecture}.embedding_length", GgufMetadataValue.UInt32((uint)spec.EmbeddingLength));
        writer.Set($"{architecture}.block_count", GgufMetadataValue.UInt32((uint)spec.BlockCount));
        writer.Set($"{architecture}.feed_forward_length", GgufMetadataValue.UInt32((uint)spec.FeedForwardLength));
        writer.Set($"{architecture}.attention.head_count", GgufMetadataValue.UInt32((uint)spec.HeadCount));
        writer.Set($"{architecture}.attention.head_count_kv", GgufMetadataValue.UInt32((uint)spec.HeadCountKv));
        writer.Set($"{architecture}.rope.freq_base", GgufMetadataValue.Float32(spec.Architecture == TestArchitecture.Llama ? 10_000f : 1_000_000f));
        writer.Set($"{architecture}.attention.layer_norm_rms_epsilon", GgufMetadataValue.Float32(spec.Architecture == TestArchitecture.Llama ? 1e-5f : 1e-6f));
        writer.Set($"{architecture}.rope.dimension_count", GgufMetadataValue.UInt32((uint)spec.HeadDimension));
        writer.Set($"{architecture}.vocab_size", GgufMetadataValue.UInt32((uint)spec.VocabSize));

        var vocabulary = spec.Architecture == TestArchitecture.Llama
            ? SpmVocabularyBuilder.Build(spec.VocabSize)
            : Gpt2BpeVocabularyBuilder.Build(spec.VocabSize);
        vocabulary.WriteTo(writer);
        writer.Set("tokenizer.chat_template", GgufMetadataValue.String(ChatMlTemplate.Template));

        AddTensors(writer, spec, weightType);
        return writer;
    }

    private static void AddTensors(GgufWriter writer, TestModelSpec spec, GgufTensorType weightType)
    {
        long embedding = spec.EmbeddingLength;
        long keyValueWidth = (long)spec.HeadDimension * spec.HeadCountKv;
        long feedForward = spec.FeedForwardLength;
        var hasBiases = spec.Architecture == TestArchitecture.Qwen2;

        AddSmall(writer, spec, "token_embd.weight", weightType, [embedding, spec.VocabSize]);
        for (var layer = 0; layer < spec.BlockCount; layer++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"blk.{layer}.");
            AddOnes(writer, prefix + "attn_norm.weight", embedding);
            AddMatrix(writer, spec, prefix + "attn_q.weight", weightType, [embedding, embedding]);
            AddMatrix(writer, spec, prefix + "attn_k.weight", weightType, [embedding, keyValueWidth]);
            AddMatrix(writer, spec, prefix + "attn_v.weight", weightType, [embedding, keyValueWidth]);
            if (hasBiases)
            {
                AddSmall(writer, spec, prefix + "attn_q.bias", GgufTensorType.F32, [embedding]);
                AddSmall(writer, spec, prefix + "attn_k.bias", GgufTensorType.F32, [keyValueWidth]);
                AddSmall(writer, spec, prefix + "attn_v.bias", GgufTensorType.F32, [keyValueWidth]);
            }

            AddMatrix(writer, spec, prefix + "attn_output.weight", weightType, [embedding, embedding]);
            AddOnes(writer, prefix + "ffn_norm.weight", embedding);
            AddMatrix(writer, spec, prefix + "ffn_gate.weight", weightType, [embedding, feedForward]);
            AddMatrix(writer, spec, prefix + "ffn_up.weight", weightType, [embedding, feedForward]);
            AddMatrix(writer, spec, prefix + "ffn_down.weight", weightType, [feedForward, embedding]);
        }

        AddOnes(writer, "output_norm.weight", embedding);
        if (spec.Architecture == TestArchitecture.Llama)
        {
            AddMatrix(writer, spec, "output.weight", weightType, [embedding, spec.VocabSize]);
        }
    }

    /// <summary>
    /// Matrices get standard deviation 1/sqrt(fan-in) so every layer's output is context-dependent and of
    /// unit scale next to the small token embedding; otherwise a tied output head mostly echoes the last token.
    /// </summary>
    private static void AddMatrix(GgufWriter writer, TestModelSpec spec, string name, GgufTensorType type, long[] shape) =>
        AddUniform(writer, spec, name, type, shape, SeededWeights.MatrixAmplitude(shape[0]));

    private static void AddSmall(GgufWriter writer, TestModelSpec spec, string name, GgufTensorType type, long[] shape) =>
        AddUniform(writer, spec, name, type, shape, SeededWeights.SmallAmplitude);

    private static void AddUniform(GgufWriter writer, TestModelSpec spec, string name, GgufTensorType type, long[] shape, float amplitude) =>
        writer.AddTensor(name, type, shape, (destination, offset) => SeededWeights.Fill(spec.Seed, name, amplitude, destination, offset));

    private static void AddOnes(GgufWriter writer, string name, long length) =>
        writer.AddTensor(name, GgufTensorType.F32, [length], (destination, _) => destination.Fill(1f));
}
