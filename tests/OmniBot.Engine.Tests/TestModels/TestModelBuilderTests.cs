using OmniBot.TestModels;
using OmniBot.TestModels.Gguf;

namespace OmniBot.Engine.Tests.TestModels;

public sealed class TestModelBuilderTests
{
    [Fact]
    public void CreateWriter_Bench05B_HasQwen25HalfBillionShapeAndAConsistentTokenizer()
    {
        var spec = TestModelSpec.Bench05B;

        var writer = TestModelBuilder.CreateWriter(spec, GgufTensorType.F16);

        Assert.Equal("qwen2", writer.TryGetValue("general.architecture", out var architecture) ? architecture.Value : null);
        Assert.Equal(896u, Scalar(writer, "qwen2.embedding_length"));
        Assert.Equal(24u, Scalar(writer, "qwen2.block_count"));
        Assert.Equal(14u, Scalar(writer, "qwen2.attention.head_count"));
        Assert.Equal(2u, Scalar(writer, "qwen2.attention.head_count_kv"));
        Assert.Equal(4864u, Scalar(writer, "qwen2.feed_forward_length"));
        Assert.InRange(TestModelVariants.ExpectedParameterCount(spec), 490_000_000ul, 500_000_000ul);
        var tokens = Strings(writer, "tokenizer.ggml.tokens");
        Assert.Equal(151936, tokens.Count);
        AssertMergesProduceExistingTokens(tokens, Strings(writer, "tokenizer.ggml.merges"));
        Assert.DoesNotContain("output.weight", writer.TensorNames);
    }

    [Fact]
    public void CreateWriter_TinyQwen2_EveryMergeJoinsTwoTokensIntoAThird()
    {
        var writer = TestModelBuilder.CreateWriter(TestModelSpec.Tiny(TestArchitecture.Qwen2), GgufTensorType.F32);

        var tokens = Strings(writer, "tokenizer.ggml.tokens");
        var merges = Strings(writer, "tokenizer.ggml.merges");

        Assert.Equal(512, tokens.Count);
        Assert.NotEmpty(merges);
        AssertMergesProduceExistingTokens(tokens, merges);
        Assert.Equal("qwen2", writer.TryGetValue("tokenizer.ggml.pre", out var pre) ? pre.Value : null);
        Assert.Contains("blk.0.attn_q.bias", writer.TensorNames);
    }

    [Fact]
    public void CreateWriter_TinyLlama_EveryLongerPieceSplitsIntoTwoShorterPieces()
    {
        var writer = TestModelBuilder.CreateWriter(TestModelSpec.Tiny(TestArchitecture.Llama), GgufTensorType.F32);

        var tokens = Strings(writer, "tokenizer.ggml.tokens");
        var types = Int32s(writer, "tokenizer.ggml.token_type");
        var scores = Floats(writer, "tokenizer.ggml.scores");

        Assert.Equal(512, tokens.Count);
        Assert.Equal(tokens.Count, types.Count);
        Assert.Equal(tokens.Count, scores.Count);
        Assert.Equal(256, types.Count(type => type == 6));
        Assert.Equal("<0x00>", tokens[3]);
        Assert.Equal("<0xFF>", tokens[258]);
        var known = tokens.ToHashSet(StringComparer.Ordinal);
        var pieces = tokens.Where((token, index) => types[index] == 1 && token.Length > 1).ToList();
        Assert.Contains("\u2581the", pieces);
        Assert.All(pieces, piece => Assert.True(
            Enumerable.Range(1, piece.Length - 1).Any(split => known.Contains(piece[..split]) && known.Contains(piece[split..])),
            $"'{piece}' cannot be reached by merging two pieces."));
        Assert.Contains("output.weight", writer.TensorNames);
    }

    private static void AssertMergesProduceExistingTokens(IReadOnlyList<string> tokens, IReadOnlyList<string> merges)
    {
        var known = tokens.ToHashSet(StringComparer.Ordinal);
        Assert.Equal(tokens.Count, known.Count);
        foreach (var merge in merges)
        {
            var parts = merge.Split(' ');
            Assert.True(parts.Length == 2 && known.Contains(parts[0]) && known.Contains(parts[1]) && known.Contains(parts[0] + parts[1]),
                $"Merge '{merge}' does not join two tokens into an existing token.");
        }
    }

    private static object Scalar(GgufWriter writer, string key) =>
        writer.TryGetValue(key, out var value) ? value.Value : throw new KeyNotFoundException(key);

    private static List<string> Strings(GgufWriter writer, string key) =>
        Elements(writer, key).Select(element => (string)element.Value).ToList();

    private static List<int> Int32s(GgufWriter writer, string key) =>
        Elements(writer, key).Select(element => (int)element.Value).ToList();

    private static List<float> Floats(GgufWriter writer, string key) =>
        Elements(writer, key).Select(element => (float)element.Value).ToList();

    private static IReadOnlyList<GgufMetadataValue> Elements(GgufWriter writer, string key) =>
        (IReadOnlyList<GgufMetadataValue>)Scalar(writer, key);
}
