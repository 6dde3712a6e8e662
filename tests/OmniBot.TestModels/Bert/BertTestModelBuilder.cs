using System.Globalization;
using OmniBot.TestModels.Gguf;
using OmniBot.TestModels.Weights;

namespace OmniBot.TestModels.Bert;

/// <summary>
/// Describes a synthetic BERT encoder as a <see cref="GgufWriter"/> with the tensors and keys llama.cpp's
/// <c>bert</c> loader reads (those of <c>convert_hf_to_gguf.py</c>); a RANK model also gets the classifier head
/// <c>cls.weight</c>/<c>cls.bias</c> (dense + tanh) and <c>cls.output.weight</c>/<c>cls.output.bias</c> (one score).
/// </summary>
public static class BertTestModelBuilder
{
    public static GgufWriter CreateWriter(BertTestModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var tokens = WordPieceVocabulary.Build();
        var writer = new GgufWriter();
        writer.Set("general.architecture", GgufMetadataValue.String("bert"));
        writer.Set("general.type", GgufMetadataValue.String("model"));
        writer.Set("general.name", GgufMetadataValue.String(spec.Name));
        writer.Set("general.file_type", GgufMetadataValue.UInt32(0));
        writer.Set("bert.context_length", GgufMetadataValue.UInt32((uint)spec.ContextLength));
        writer.Set("bert.embedding_length", GgufMetadataValue.UInt32((uint)spec.EmbeddingLength));
        writer.Set("bert.feed_forward_length", GgufMetadataValue.UInt32((uint)spec.FeedForwardLength));
        writer.Set("bert.block_count", GgufMetadataValue.UInt32((uint)spec.BlockCount));
        writer.Set("bert.attention.head_count", GgufMetadataValue.UInt32((uint)spec.HeadCount));
        writer.Set("bert.attention.layer_norm_epsilon", GgufMetadataValue.Float32(1e-12f));
        writer.Set("bert.attention.causal", GgufMetadataValue.Bool(false));
        writer.Set("bert.pooling_type", GgufMetadataValue.UInt32((uint)spec.PoolingType));
        WordPieceVocabulary.WriteTo(writer, tokens);
        AddTensors(writer, spec, tokens.Count);
        return writer;
    }

    private static void AddTensors(GgufWriter writer, BertTestModelSpec spec, int vocabSize)
    {
        long embedding = spec.EmbeddingLength;
        long feedForward = spec.FeedForwardLength;
        AddSmall(writer, spec, "token_embd.weight", [embedding, vocabSize]);
        AddSmall(writer, spec, "token_types.weight", [embedding, 2]);
        AddSmall(writer, spec, "position_embd.weight", [embedding, spec.ContextLength]);
        AddNorm(writer, "token_embd_norm", embedding);
        for (var layer = 0; layer < spec.BlockCount; layer++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"blk.{layer}.");
            foreach (var projection in new[] { "attn_q", "attn_k", "attn_v", "attn_output" })
            {
                AddLinear(writer, spec, prefix + projection, embedding, embedding);
            }

            AddNorm(writer, prefix + "attn_output_norm", embedding);
            AddLinear(writer, spec, prefix + "ffn_up", embedding, feedForward);
            AddLinear(writer, spec, prefix + "ffn_down", feedForward, embedding);
            AddNorm(writer, prefix + "layer_output_norm", embedding);
        }

        if (spec.IsReranker)
        {
            AddLinear(writer, spec, "cls", embedding, embedding);
            AddLinear(writer, spec, "cls.output", embedding, 1);
        }
    }

    private static void AddLinear(GgufWriter writer, BertTestModelSpec spec, string name, long inputs, long outputs)
    {
        writer.AddTensor(name + ".weight", GgufTensorType.F32, [inputs, outputs], Seeded(spec, name + ".weight", SeededWeights.MatrixAmplitude(inputs)));
        AddSmall(writer, spec, name + ".bias", [outputs]);
    }

    private static void AddSmall(GgufWriter writer, BertTestModelSpec spec, string name, long[] shape) =>
        writer.AddTensor(name, GgufTensorType.F32, shape, Seeded(spec, name, SeededWeights.SmallAmplitude));

    private static void AddNorm(GgufWriter writer, string name, long length)
    {
        writer.AddTensor(name + ".weight", GgufTensorType.F32, [length], (destination, _) => destination.Fill(1f));
        writer.AddTensor(name + ".bias", GgufTensorType.F32, [length], (destination, _) => destination.Clear());
    }

    private static TensorValueSource Seeded(BertTestModelSpec spec, string name, float amplitude) =>
        (destination, offset) => SeededWeights.Fill(spec.Seed, name, amplitude, destination, offset);
}
