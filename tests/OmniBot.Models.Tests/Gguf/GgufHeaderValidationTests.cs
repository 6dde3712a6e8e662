using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

public sealed class GgufHeaderValidationTests
{
    [Fact]
    public void Read_FileShorterThanHeader_IsRejected() =>
        GgufAssert.Rejected([.. "GGUF"u8, 3, 0, 0, 0], "header", "too short for the 24-byte GGUF header", offset: 0);

    [Fact]
    public void Read_WrongMagic_IsRejected()
    {
        var bytes = new GgufTestWriter().Header(3, 0, 0).ToArray();
        bytes[0] = (byte)'P';

        GgufAssert.Rejected(bytes, "header", "does not start with the GGUF magic", offset: 0);
    }

    [Theory]
    [InlineData(1u, "version 1 is no longer supported")]
    [InlineData(4u, "GGUF version 4 is not supported")]
    [InlineData(0x03000000u, "big-endian GGUF files are not supported")]
    public void Read_UnsupportedVersion_IsRejected(uint version, string problem) =>
        GgufAssert.Rejected(new GgufTestWriter().Header(version, 0, 0).ToArray(), "header", problem, offset: 4);

    [Fact]
    public void Read_Version2_IsRead()
    {
        var model = SyntheticGguf.TinyLlama();
        model.Version = 2;

        Assert.Equal(2u, GgufReader.Read(new MemoryStream(model.Build())).Version);
    }

    [Fact]
    public void Read_AbsurdTensorCount_IsRejectedBeforeAllocating()
    {
        var bytes = new GgufTestWriter().Header(3, 1UL << 62, 0).ToArray();

        GgufAssert.Rejected(bytes, "header", $"the tensor count is {1UL << 62}, more than the 8 bytes left", offset: 8);
    }

    [Fact]
    public void Read_AbsurdMetadataCount_IsRejectedBeforeAllocating()
    {
        var bytes = new GgufTestWriter().Header(3, 0, ulong.MaxValue).Fill(100).ToArray();

        GgufAssert.Rejected(bytes, "header", $"the metadata entry count is {ulong.MaxValue}, more than the 100 bytes left", offset: 16);
    }

    [Fact]
    public void Read_NonSeekableStream_IsAnArgumentError()
    {
        using var stream = new NonSeekableStream(SyntheticGguf.TinyLlama().Build());

        Assert.Throws<ArgumentException>(() => GgufReader.Read(stream));
    }

    [Fact]
    public void Read_StreamEndingBeforeItsLength_IsRejectedAsTruncated()
    {
        var bytes = SyntheticGguf.TinyLlama().Build();
        using var stream = new ShortStream(bytes, claimedLength: bytes.Length, actualLength: 300);

        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(stream));

        Assert.Contains("stream ended before its reported length", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_IsAnIoError() =>
        Assert.Throws<FileNotFoundException>(() => GgufReader.Read(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.gguf")));

    [Fact]
    public void Read_BadFileFromPath_NamesThePathInTheMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.gguf");
        File.WriteAllBytes(path, "not a model at all, just some text"u8.ToArray());
        try
        {
            var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(path));

            Assert.Equal(path, error.FilePath);
            Assert.StartsWith($"'{path}' is not a valid GGUF model: the file does not start with the GGUF magic", error.Message, StringComparison.Ordinal);
            Assert.Contains("download or convert it again", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A stream whose Length promises more bytes than Read delivers.</summary>
    private sealed class ShortStream(byte[] bytes, long claimedLength, int actualLength) : MemoryStream(bytes, 0, actualLength)
    {
        public override long Length => claimedLength;
    }
}
