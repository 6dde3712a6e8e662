using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

/// <summary>Each test writes a file with one defect in its tensor descriptions or data layout.</summary>
public sealed class GgufTensorValidationTests
{
    [Fact]
    public void Read_EmptyTensorName_IsRejected() =>
        GgufAssert.Rejected(WithTensorInfo(writer => writer.TensorInfo("", [4], 0, 0)), "tensor info #0", "the tensor name is empty");

    [Fact]
    public void Read_TensorNameLongerThanGgmlAllows_IsRejected() =>
        GgufAssert.Rejected(WithTensorInfo(writer => writer.TensorInfo(new string('n', 64), [4], 0, 0)), "tensor info #0", "the tensor name is 64 bytes long; at most 63 are allowed");

    [Fact]
    public void Read_TensorNameThatIsNotUtf8_IsRejected() =>
        GgufAssert.Rejected(WithTensorInfo(writer => writer.RawString([0xFF, 0xFE]).UInt32(1).UInt64(4).UInt32(0).UInt64(0)), "tensor info #0", "the tensor name is not valid UTF-8");

    [Fact]
    public void Read_DuplicateTensorName_IsRejected()
    {
        var bytes = new SyntheticGguf().Add("general.architecture", "llama").Tensor("w", GgmlType.F32, 8).Tensor("w", GgmlType.F32, 8).Build();

        GgufAssert.Rejected(bytes, "tensor info #1 'w'", "the tensor name is used twice (first by tensor info #0)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Read_DimensionCountOutsideOneToFour_IsRejected(int dimensions) =>
        GgufAssert.Rejected(
            WithTensorInfo(writer => writer.TensorInfo("w", Enumerable.Repeat(2L, dimensions).ToArray(), 0, 0)),
            "tensor info #0 'w'",
            $"a tensor has 1 to 4 dimensions, but this one declares {dimensions}");

    [Fact]
    public void Read_ZeroSizedDimension_IsRejected() =>
        GgufAssert.Rejected(WithTensorInfo(writer => writer.TensorInfo("w", [4, 0], 0, 0)), "tensor info #0 'w'", "dimension 1 has size 0");

    [Fact]
    public void Read_DimensionBeyondInt64_IsRejected() =>
        GgufAssert.Rejected(WithTensorInfo(writer => writer.TensorInfo("w", [-1], 0, 0)), "tensor info #0 'w'", $"dimension 0 has size {ulong.MaxValue}");

    [Fact]
    public void Read_ElementCountOverflow_IsRejected() =>
        GgufAssert.Rejected(WithTensorInfo(writer => writer.TensorInfo("w", [1L << 40, 1L << 40], 0, 0)), "tensor info #0 'w'", "element count overflows 64 bits");

    [Fact]
    public void Read_ByteSizeOverflow_IsRejected() =>
        GgufAssert.Rejected(WithTensorInfo(writer => writer.TensorInfo("w", [1L << 32, 1L << 30], (uint)GgmlType.F64, 0)), "tensor info #0 'w'", "size in bytes overflows 64 bits");

    [Fact]
    public void Read_UnknownTensorType_IsRejected() =>
        GgufAssert.Rejected(WithTensorInfo(writer => writer.TensorInfo("w", [32], 99, 0)), "tensor info #0 'w'", "the tensor type 99 is not a ggml type");

    [Fact]
    public void Read_RemovedTensorType_IsRejectedWithItsName() =>
        GgufAssert.Rejected(WithTensorInfo(writer => writer.TensorInfo("w", [32], 31, 0)), "tensor info #0 'w'", "the tensor type 31 (Q4_0_4_4) was removed");

    [Fact]
    public void Read_FirstDimensionNotAMultipleOfTheBlockSize_IsRejected() =>
        GgufAssert.Rejected(
            WithTensorInfo(writer => writer.TensorInfo("w", [100, 2], (uint)GgmlType.Q4_K, 0)),
            "tensor info #0 'w'",
            "a Q4_K tensor stores blocks of 256 values, so its first dimension must be a multiple of 256, but it is 100");

    [Fact]
    public void Read_MisalignedTensorOffset_IsRejected()
    {
        var bytes = new SyntheticGguf().Add("general.architecture", "llama").Tensor("a", GgmlType.F32, 8).Tensor("b", GgmlType.F32, offset: 40, 8).Build();

        GgufAssert.Rejected(bytes, "tensor info #1 'b'", "the data offset 40 is not a multiple of the alignment 32");
    }

    [Fact]
    public void Read_AbsurdTensorOffset_IsRejected()
    {
        var model = new SyntheticGguf { DataSize = 32 }.Add("general.architecture", "llama").Tensor("a", GgmlType.F32, offset: 1UL << 63, 8);

        GgufAssert.Rejected(model.Build(), "tensor info #0 'a'", "lies beyond the end of any file");
    }

    [Fact]
    public void Read_TensorDataPastTheEndOfTheFile_IsRejected()
    {
        var bytes = SyntheticGguf.TinyLlama().Build();
        var file = GgufReader.Read(new MemoryStream(bytes));
        var last = file.Tensors.MaxBy(tensor => tensor.FileOffset)!;

        var error = GgufAssert.Rejected(bytes[..^1], "tensor data", $"the data of tensor '{last.Name}' needs {last.ByteSize} bytes from byte {last.FileOffset}, past the end of the {bytes.Length - 1}-byte file");

        Assert.Equal(last.FileOffset, error.Offset);
    }

    [Fact]
    public void Read_OverlappingTensors_AreRejected()
    {
        var bytes = new SyntheticGguf().Add("general.architecture", "llama").Tensor("a", GgmlType.F32, 64).Tensor("b", GgmlType.F32, offset: 128, 8).Build();

        GgufAssert.Rejected(bytes, "tensor data", "the data of tensor 'b' starts at byte");
    }

    [Fact]
    public void Read_CustomAlignment_PlacesDataOnThatAlignment()
    {
        var model = SyntheticGguf.TinyLlama();
        model.Alignment = 256;
        model.Add("general.alignment", 256u);

        var file = GgufReader.Read(new MemoryStream(model.Build()));

        Assert.Equal(256u, file.Alignment);
        Assert.Equal(0, file.DataOffset % 256);
        Assert.All(file.Tensors, tensor => Assert.Equal(0, tensor.Offset % 256));
    }

    [Fact]
    public void Read_TensorsInAnyOrderWithGapsAndTrailingBytes_AreRead()
    {
        var model = new SyntheticGguf { TrailingBytes = 17 }.Add("general.architecture", "llama")
            .Tensor("late", GgmlType.F32, offset: 256, 8)
            .Tensor("early", GgmlType.Q8_0, offset: 0, 64, 2);

        var file = GgufReader.Read(new MemoryStream(model.Build()));

        Assert.Equal(["late", "early"], file.Tensors.Select(tensor => tensor.Name));
        Assert.Equal(128 / 32 * 34, file.Tensors[1].ByteSize);
        Assert.Equal(file.DataOffset + 256 + 32 + 17, file.FileSize);
    }

    [Fact]
    public void Read_FileWithoutTensors_IsRead()
    {
        var file = GgufReader.Read(new MemoryStream(new SyntheticGguf().Add("general.architecture", "llama").Build()));

        Assert.Empty(file.Tensors);
        Assert.Equal(69, file.TensorInfoOffset);
        Assert.Equal(96, file.DataOffset);
    }

    private static byte[] WithTensorInfo(Action<GgufTestWriter> tensorInfo)
    {
        var writer = new GgufTestWriter().Header(3, 1, 1).Entry("general.architecture", GgufValue.FromString("llama"));
        tensorInfo(writer);
        return writer.PadTo(32).Fill(256).ToArray();
    }
}
