using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

internal static class GgufAssert
{
    /// <summary>Asserts that reading <paramref name="bytes"/> fails with a <see cref="GgufFormatException"/> naming the region and the problem.</summary>
    public static GgufFormatException Rejected(byte[] bytes, string region, string problem, long? offset = null)
    {
        var error = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes)));
        Assert.Equal(region, error.Region);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(region, error.Message, StringComparison.Ordinal);
        if (offset is { } expected)
        {
            Assert.Equal(expected, error.Offset);
        }

        return error;
    }

    /// <summary>A file with no tensors whose metadata is general.architecture followed by what <paramref name="entries"/> writes.</summary>
    public static byte[] WithMetadata(int extraEntries, Action<GgufTestWriter> entries)
    {
        var writer = new GgufTestWriter().Header(3, 0, (ulong)extraEntries + 1).Entry("general.architecture", GgufValue.FromString("llama"));
        entries(writer);
        return writer.ToArray();
    }
}
