using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

/// <summary>Each test hand-writes a file with one defect in its metadata and checks the error names it and where it is.</summary>
public sealed class GgufMetadataValidationTests
{
    // general.architecture = "llama" takes 8 + 20 + 4 + 8 + 5 bytes after the 24-byte header.
    private const long SecondEntry = 24 + 45;

    [Fact]
    public void Read_KeyLongerThanTheFile_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.UInt64(1000).Bytes("abc"u8));

        GgufAssert.Rejected(bytes, "metadata key #1", "the key is 1000 bytes long, but only 3 bytes are left", offset: SecondEntry);
    }

    [Fact]
    public void Read_KeyLongerThanTheSpecAllows_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.String(new string('k', 70_000)).UInt32(4).UInt32(1));

        GgufAssert.Rejected(bytes, "metadata key #1", "at most 65535 are allowed");
    }

    [Fact]
    public void Read_EmptyKey_IsRejected() =>
        GgufAssert.Rejected(GgufAssert.WithMetadata(1, writer => writer.String("").UInt32(4).UInt32(1)), "metadata key #1", "the key is empty", offset: SecondEntry);

    [Fact]
    public void Read_KeyThatIsNotUtf8_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.RawString([0x61, 0xC3, 0x28]).UInt32(4).UInt32(1));

        GgufAssert.Rejected(bytes, "metadata key #1", "the key is not valid UTF-8", offset: SecondEntry);
    }

    [Fact]
    public void Read_DuplicateKey_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(2, writer => writer.Entry("a.b", GgufValue.FromUInt8(1)).Entry("a.b", GgufValue.FromUInt8(2)));

        GgufAssert.Rejected(bytes, "metadata key #2 'a.b'", "defined twice (first as metadata key #1)");
    }

    [Fact]
    public void Read_UnknownValueType_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.String("x.y").UInt32(13).UInt64(0));

        GgufAssert.Rejected(bytes, "metadata key #1 'x.y'", "the value type is 13, but GGUF defines only types 0 to 12", offset: SecondEntry + 11);
    }

    [Fact]
    public void Read_StringValueLongerThanTheFile_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.String("x.y").UInt32(8).UInt64(ulong.MaxValue).Bytes("short"u8));

        GgufAssert.Rejected(bytes, "metadata key #1 'x.y'", $"the string value is {ulong.MaxValue} bytes long, but only 5 bytes are left");
    }

    [Fact]
    public void Read_ArrayLongerThanTheFile_IsRejectedBeforeAllocating()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.String("x.y").UInt32(9).UInt32(8).UInt64(1_000_000_000).Fill(64));

        GgufAssert.Rejected(bytes, "metadata key #1 'x.y'", "the array declares 1000000000 String items, which need at least 8 bytes each, but only 64 bytes are left");
    }

    [Fact]
    public void Read_ArrayOfUnknownItemType_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.String("x.y").UInt32(9).UInt32(77).UInt64(0));

        GgufAssert.Rejected(bytes, "metadata key #1 'x.y'", "the array item type is 77");
    }

    [Fact]
    public void Read_ArraysNestedTooDeep_AreRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer =>
        {
            writer.String("x.deep").UInt32(9);
            for (var level = 0; level < 20; level++)
            {
                writer.UInt32(9).UInt64(1);
            }
        });

        GgufAssert.Rejected(bytes, "metadata key #1 'x.deep'", "arrays are nested more than 8 levels deep");
    }

    [Fact]
    public void Read_Arrays100000LevelsDeep_AreRejectedAtTheDepthLimit()
    {
        var bytes = GgufAssert.WithMetadata(1, writer =>
        {
            writer.String("x.deep").UInt32(9);
            for (var level = 0; level < 100_000; level++)
            {
                writer.UInt32(9).UInt64(1);
            }

            writer.UInt32(4).UInt64(0);
        });

        GgufAssert.Rejected(bytes, "metadata key #1 'x.deep'", "arrays are nested more than 8 levels deep");
    }

    [Fact]
    public void Read_StringValueOfGigabytesInsideALargeFile_IsRejectedBeforeAllocating()
    {
        var prefix = GgufAssert.WithMetadata(1, writer => writer.String("tokenizer.chat_template").UInt32(8).UInt64(3_000_000_000));

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new ZeroExtendedStream(prefix, 4_000_000_000)));

        Assert.Equal("metadata key #1 'tokenizer.chat_template'", error.Region);
        Assert.Contains("the string value is 3000000000 bytes long; at most 67108864 are allowed", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ArraysNestedToTheLimit_AreRead()
    {
        var value = GgufArray.Create<int>([42]);
        for (var level = 1; level < 8; level++)
        {
            value = GgufArray.FromArrays([value]);
        }

        var bytes = GgufAssert.WithMetadata(1, writer => writer.Entry("x.deep", GgufValue.FromArray(value)));

        Assert.Equal("[[[[[[[[42]]]]]]]]", GgufReader.Read(new MemoryStream(bytes)).Metadata["x.deep"].ToString());
    }

    [Fact]
    public void Read_BoolThatIsNeitherZeroNorOne_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.String("x.flag").UInt32(7).Byte(2));

        GgufAssert.Rejected(bytes, "metadata key #1 'x.flag'", "a bool must be 0 or 1, found 2");
    }

    [Fact]
    public void Read_FileEndingInsideAValue_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.String("x.n").UInt32(10).Bytes([1, 2, 3]));

        GgufAssert.Rejected(bytes, "metadata key #1 'x.n'", "the file ends while reading the uint64 value: 8 bytes needed, 3 left");
    }

    [Fact]
    public void Read_MissingArchitecture_IsRejected()
    {
        var bytes = new GgufTestWriter().Header(3, 0, 1).Entry("general.name", GgufValue.FromString("x")).ToArray();

        GgufAssert.Rejected(bytes, "metadata", "the required key general.architecture is missing", offset: bytes.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Read_ArchitectureNotANonEmptyString_IsRejected(string? architecture)
    {
        var value = architecture is null ? GgufValue.FromUInt32(1) : GgufValue.FromString(architecture);
        var bytes = new GgufTestWriter().Header(3, 0, 1).Entry("general.architecture", value).ToArray();

        GgufAssert.Rejected(bytes, "metadata key #0 'general.architecture'", "general.architecture: it must be a non-empty string", offset: 24);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(48u)]
    public void Read_AlignmentNotAPowerOfTwo_IsRejected(uint alignment)
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.Entry("general.alignment", GgufValue.FromUInt32(alignment)));

        GgufAssert.Rejected(bytes, "metadata key #1 'general.alignment'", "the alignment must be a power of two", offset: SecondEntry);
    }

    [Fact]
    public void Read_AlignmentOfTheWrongType_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.Entry("general.alignment", GgufValue.FromUInt64(32)));

        GgufAssert.Rejected(bytes, "metadata key #1 'general.alignment'", "it must be a uint32, but it is the UInt64 32");
    }

    [Fact]
    public void Read_TokenScoresShorterThanTokens_AreRejected()
    {
        var bytes = GgufAssert.WithMetadata(2, writer => writer
            .Entry("tokenizer.ggml.tokens", GgufValue.FromArray(GgufArray.FromStrings(["a", "b", "c"])))
            .Entry("tokenizer.ggml.scores", GgufValue.FromArray(GgufArray.Create<float>([0f, 1f]))));

        GgufAssert.Rejected(bytes, "metadata key #2 'tokenizer.ggml.scores'", "it has 2 items, but there are 3 tokens");
    }

    [Fact]
    public void Read_TokenTypesOfTheWrongItemType_AreRejected()
    {
        var bytes = GgufAssert.WithMetadata(2, writer => writer
            .Entry("tokenizer.ggml.tokens", GgufValue.FromArray(GgufArray.FromStrings(["a"])))
            .Entry("tokenizer.ggml.token_type", GgufValue.FromArray(GgufArray.Create<byte>([1]))));

        GgufAssert.Rejected(bytes, "metadata key #2 'tokenizer.ggml.token_type'", "it must be an array of Int32, but it is an array of 1 UInt8 items");
    }

    [Fact]
    public void Read_MoreLayersThanLlamaCppAllows_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.Entry("llama.block_count", GgufValue.FromUInt32(100_000)));

        GgufAssert.Rejected(bytes, "metadata key #1 'llama.block_count'", "it is 100000, outside the valid range 0 to 512");
    }

    [Fact]
    public void Read_PerLayerHeadCountsOfTheWrongLength_AreRejected()
    {
        var bytes = GgufAssert.WithMetadata(2, writer => writer
            .Entry("llama.block_count", GgufValue.FromUInt32(3))
            .Entry("llama.attention.head_count", GgufValue.FromArray(GgufArray.Create<int>([4, 4]))));

        GgufAssert.Rejected(bytes, "metadata key #2 'llama.attention.head_count'", "it has 2 per-layer values, but the model has 3 layers");
    }

    [Fact]
    public void Read_UnknownPoolingType_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.Entry("llama.pooling_type", GgufValue.FromUInt32(9)));

        GgufAssert.Rejected(bytes, "metadata key #1 'llama.pooling_type'", "it is 9, outside the valid range 0 to 4");
    }

    [Theory]
    [InlineData("general.name")]
    [InlineData("tokenizer.chat_template")]
    [InlineData("tokenizer.chat_template.tool_use")]
    public void Read_TextKeyHoldingANumber_IsRejected(string key)
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.Entry(key, GgufValue.FromInt32(5)));

        GgufAssert.Rejected(bytes, $"metadata key #1 '{key}'", "the Int32 5");
    }

    [Fact]
    public void Read_NumericKeyHoldingAString_IsRejected()
    {
        var bytes = GgufAssert.WithMetadata(1, writer => writer.Entry("llama.context_length", GgufValue.FromString("4096")));

        GgufAssert.Rejected(bytes, "metadata key #1 'llama.context_length'", "it must be an integer, but it is the string \"4096\"");
    }
}
