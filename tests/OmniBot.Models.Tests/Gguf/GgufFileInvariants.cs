using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

/// <summary>Checks, independently of the reader, what an accepted file promises to the native loader.</summary>
internal static class GgufFileInvariants
{
    public static void AssertHold(GgufFile file, long length)
    {
        Assert.Equal(length, file.FileSize);
        Assert.InRange(file.Version, 2u, 3u);
        Assert.True(file.Alignment != 0 && (file.Alignment & (file.Alignment - 1)) == 0, $"alignment {file.Alignment}");
        Assert.Equal(0, file.DataOffset % file.Alignment);
        Assert.InRange(file.TensorInfoOffset, 24, file.DataOffset);
        Assert.Equal(file.Metadata.Count, file.Metadata.Select(entry => entry.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.False(string.IsNullOrEmpty(file.Architecture));
        Assert.Equal(file.Tensors.Count, file.Tensors.Select(tensor => tensor.Name).Distinct(StringComparer.Ordinal).Count());

        foreach (var tensor in file.Tensors)
        {
            Assert.InRange(tensor.Dimensions.Count, 1, 4);
            Assert.All(tensor.Dimensions, dimension => Assert.True(dimension > 0));
            var layout = GgmlTypeInfo.Get(tensor.Type);
            Assert.Equal(tensor.Dimensions.Aggregate(1L, (product, dimension) => checked(product * dimension)), tensor.ElementCount);
            Assert.Equal(0, tensor.Dimensions[0] % layout.BlockSize);
            Assert.Equal(tensor.ElementCount / layout.BlockSize * layout.TypeSize, tensor.ByteSize);
            Assert.Equal(0, tensor.Offset % file.Alignment);
            Assert.Equal(file.DataOffset + tensor.Offset, tensor.FileOffset);
            Assert.True(tensor.FileOffset + tensor.ByteSize <= length, $"tensor {tensor.Name} ends past the file");
        }

        var byOffset = file.Tensors.OrderBy(tensor => tensor.Offset).ToArray();
        for (var i = 1; i < byOffset.Length; i++)
        {
            Assert.True(byOffset[i - 1].Offset + byOffset[i - 1].ByteSize <= byOffset[i].Offset, $"tensors {byOffset[i - 1].Name} and {byOffset[i].Name} overlap");
        }
    }
}
