using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

/// <summary>Reads the real all-MiniLM-L6-v2 GGUF (see ../shared/models/README.md) and checks its documented facts.</summary>
public sealed class GgufReaderRealModelTests
{
    internal static readonly string MiniLmPath = OmniBot.TestModels.SharedData.MiniLmModelPath;

    [Fact]
    public void Read_MiniLm_ReadsHeaderMetadataAndTensors()
    {
        var file = GgufReader.Read(MiniLmPath);

        Assert.Equal(3u, file.Version);
        Assert.Equal(32u, file.Alignment);
        Assert.Equal(46_220_544, file.FileSize);
        Assert.Equal(26, file.Metadata.Count);
        Assert.Equal("general.architecture", file.Metadata[0].Key);
        Assert.Equal("bert", file.Architecture);
        Assert.Equal(101, file.Tensors.Count);
        Assert.Equal(0, file.DataOffset % 32);
        Assert.Equal(MiniLmPath, file.SourcePath);

        var embeddings = file.Tensors[0];
        Assert.Equal("token_embd.weight", embeddings.Name);
        Assert.Equal([384L, 30522L], embeddings.Dimensions);
        Assert.Equal(GgmlType.F16, embeddings.Type);
        Assert.Equal(384L * 30522 * 2, embeddings.ByteSize);
        Assert.Equal(file.DataOffset, embeddings.FileOffset);

        // The last tensor's data ends exactly at the end of the file.
        var last = file.Tensors.MaxBy(tensor => tensor.FileOffset)!;
        Assert.Equal(file.FileSize, last.FileOffset + last.ByteSize);
    }

    [Fact]
    public void Read_MiniLm_TokenizerArraysHaveTheirTypedItems()
    {
        var metadata = GgufReader.Read(MiniLmPath).Metadata;

        var tokens = metadata["tokenizer.ggml.tokens"].AsArray();
        Assert.Equal(GgufValueType.String, tokens.ElementType);
        Assert.Equal(30522, tokens.Count);
        Assert.Equal("[PAD]", tokens.AsStrings()[0]);
        Assert.Equal("[UNK]", tokens.AsStrings()[100]);
        Assert.Equal("[CLS]", tokens.AsStrings()[101]);
        Assert.Equal("[SEP]", tokens.AsStrings()[102]);
        Assert.Equal("[MASK]", tokens.AsStrings()[103]);

        var types = metadata["tokenizer.ggml.token_type"].AsArray();
        Assert.Equal(30522, types.AsSpan<int>().Length);
        Assert.Equal(3, types.AsSpan<int>()[0]);
        Assert.False(metadata["bert.attention.causal"].AsBool());
        Assert.Equal(1e-12, metadata["bert.attention.layer_norm_epsilon"].AsFloat32(), 1e-15);
    }

    [Fact]
    public void ModelInfo_MiniLm_DerivesTheDocumentedFacts()
    {
        var info = GgufModelInfo.Read(MiniLmPath);

        Assert.Equal("bert", info.Architecture);
        Assert.Equal("all-MiniLM-L6-v2", info.Name);
        Assert.Equal("F16", info.FileType);
        Assert.Equal(1, info.FileTypeId);
        Assert.Equal(512, info.ContextLength);
        Assert.Equal(384, info.EmbeddingLength);
        Assert.Equal(6, info.BlockCount);
        Assert.Equal(12, info.HeadCount);
        Assert.Equal(12, info.HeadCountKv);
        Assert.Equal(1536, info.FeedForwardLength);
        Assert.Equal(30522, info.VocabSize);
        Assert.Equal(GgufPoolingType.Mean, info.PoolingType);
        Assert.Equal("bert", info.TokenizerModel);
        Assert.Equal(101, info.BosTokenId);
        Assert.Null(info.EosTokenId);
        Assert.Null(info.ChatTemplate);
        Assert.Empty(info.ChatTemplates);
        Assert.Equal(101, info.TensorCount);
        Assert.Equal(info.File.Tensors.Sum(tensor => tensor.ElementCount), info.ParameterCount);

        // About 22.7M weights: the embedding table is 11.7M of them.
        Assert.InRange(info.ParameterCount, 22_500_000, 23_000_000);
        Assert.Equal([GgmlType.F16, GgmlType.F32], info.TensorTypes.Select(summary => summary.Type));
        Assert.Equal(info.File.FileSize - info.File.DataOffset, info.TensorDataBytes);
    }

    [Fact]
    public void Read_MiniLmFromStreamAtAnOffset_GivesOffsetsRelativeToTheStart()
    {
        var prefix = new byte[100];
        var structure = ReadPrefix(MiniLmPath, 700_000);
        using var stream = new MemoryStream([.. prefix, .. structure]);
        stream.Position = prefix.Length;

        // Only the structure is there: the tensor data is missing, and that is what the reader reports.
        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(stream));

        Assert.Equal("tensor data", error.Region);
        Assert.Contains("token_embd.weight", error.Message, StringComparison.Ordinal);
        Assert.Null(error.FilePath);
    }

    internal static byte[] ReadPrefix(string path, int length)
    {
        using var stream = File.OpenRead(path);
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
