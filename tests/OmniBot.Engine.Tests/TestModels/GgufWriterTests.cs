using System.Buffers.Binary;
using OmniBot.Models.Gguf;
using OmniBot.TestModels;
using OmniBot.TestModels.Gguf;

namespace OmniBot.Engine.Tests.TestModels;

public sealed class GgufWriterTests
{
    [Fact]
    public void WriteTo_EveryValueType_IsReadBackByLlamaCpp()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "metadata.gguf");
        var writer = TestModelBuilder.CreateWriter(TestModelSpec.Tiny(TestArchitecture.Llama), GgufTensorType.F32);
        // Arrays go first: a mis-sized array would shift every value read after it.
        writer.Set("test.array.u8", GgufMetadataValue.Array(GgufValueType.UInt8, [GgufMetadataValue.UInt8(1), GgufMetadataValue.UInt8(255)]));
        writer.Set("test.array.i16", GgufMetadataValue.Array(GgufValueType.Int16, [GgufMetadataValue.Int16(-2)]));
        writer.Set("test.array.u64", GgufMetadataValue.Array(GgufValueType.UInt64, [GgufMetadataValue.UInt64(ulong.MaxValue)]));
        writer.Set("test.array.f64", GgufMetadataValue.Array(GgufValueType.Float64, [GgufMetadataValue.Float64(0.5), GgufMetadataValue.Float64(-1)]));
        writer.Set("test.array.bool", GgufMetadataValue.Array(GgufValueType.Bool, [GgufMetadataValue.Bool(true), GgufMetadataValue.Bool(false)]));
        writer.Set("test.array.string", GgufMetadataValue.StringArray(["a", "", "ünïcode 🙂"]));
        writer.Set("test.array.empty", GgufMetadataValue.Array(GgufValueType.Int64, []));
        writer.Set("test.u8", GgufMetadataValue.UInt8(200));
        writer.Set("test.i8", GgufMetadataValue.Int8(-100));
        writer.Set("test.u16", GgufMetadataValue.UInt16(60000));
        writer.Set("test.i16", GgufMetadataValue.Int16(-30000));
        writer.Set("test.u32", GgufMetadataValue.UInt32(4_000_000_000));
        writer.Set("test.i32", GgufMetadataValue.Int32(-2_000_000_000));
        writer.Set("test.f32", GgufMetadataValue.Float32(1.5f));
        writer.Set("test.bool", GgufMetadataValue.Bool(true));
        writer.Set("test.string", GgufMetadataValue.String("héllo \"quoted\" 🙂"));
        writer.Set("test.u64", GgufMetadataValue.UInt64(18_000_000_000_000_000_000));
        writer.Set("test.i64", GgufMetadataValue.Int64(-9_000_000_000_000_000_000));
        writer.Set("test.f64", GgufMetadataValue.Float64(2.25));

        writer.WriteTo(path);
        using var model = NativeTestModel.Load(path);

        var metadata = model.ReadMetadata();
        Assert.Equal("200", metadata["test.u8"]);
        Assert.Equal("-100", metadata["test.i8"]);
        Assert.Equal("60000", metadata["test.u16"]);
        Assert.Equal("-30000", metadata["test.i16"]);
        Assert.Equal("4000000000", metadata["test.u32"]);
        Assert.Equal("-2000000000", metadata["test.i32"]);
        Assert.Equal("1.500000", metadata["test.f32"]);
        Assert.Equal("true", metadata["test.bool"]);
        Assert.Equal("héllo \"quoted\" 🙂", metadata["test.string"]);
        Assert.Equal("18000000000000000000", metadata["test.u64"]);
        Assert.Equal("-9000000000000000000", metadata["test.i64"]);
        Assert.Equal("2.250000", metadata["test.f64"]);
    }

    [Fact]
    public void WriteTo_OneTensor_WritesHeaderInfoAndAlignedData()
    {
        var writer = new GgufWriter();
        writer.Set("general.architecture", GgufMetadataValue.String("llama"));
        writer.AddTensor("weights", GgufTensorType.F16, [3, 1], new float[] { 1f, -2f, 0.5f });

        var bytes = Write(writer);

        Assert.Equal("GGUF"u8.ToArray(), bytes[..4]);
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(1ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(1ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(0, bytes.Length % 32);
        // The only tensor starts the data section: the last 32-byte block, its 6 bytes then zero padding.
        var data = bytes.AsSpan(bytes.Length - 32);
        Assert.Equal((Half)1f, BinaryPrimitives.ReadHalfLittleEndian(data));
        Assert.Equal((Half)(-2f), BinaryPrimitives.ReadHalfLittleEndian(data[2..]));
        Assert.Equal((Half)0.5f, BinaryPrimitives.ReadHalfLittleEndian(data[4..]));
        Assert.All(data[6..].ToArray(), value => Assert.Equal(0, value));
    }

    [Fact]
    public void WriteTo_NestedArray_WritesElementTypeAndCountAtEachLevel()
    {
        var writer = new GgufWriter();
        writer.Set("k", GgufMetadataValue.Array(GgufValueType.Array, [GgufMetadataValue.Int32Array([7, -1])]));

        var bytes = Write(writer).AsSpan(24);

        Assert.Equal(1ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal((byte)'k', bytes[8]);
        Assert.Equal((uint)GgufValueType.Array, BinaryPrimitives.ReadUInt32LittleEndian(bytes[9..]));
        Assert.Equal((uint)GgufValueType.Array, BinaryPrimitives.ReadUInt32LittleEndian(bytes[13..]));
        Assert.Equal(1ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes[17..]));
        Assert.Equal((uint)GgufValueType.Int32, BinaryPrimitives.ReadUInt32LittleEndian(bytes[25..]));
        Assert.Equal(2ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes[29..]));
        Assert.Equal(7, BinaryPrimitives.ReadInt32LittleEndian(bytes[37..]));
        Assert.Equal(-1, BinaryPrimitives.ReadInt32LittleEndian(bytes[41..]));
    }

    [Fact]
    public void Constructor_NonDefaultAlignment_WritesTheAlignmentKeyAndPadsToIt()
    {
        var writer = new GgufWriter(alignment: 64);
        writer.AddTensor("a", GgufTensorType.F32, [5], new float[5]);
        writer.AddTensor("b", GgufTensorType.F32, [1], new float[] { 3f });

        var bytes = Write(writer);

        Assert.True(writer.TryGetValue(GgufWriter.AlignmentKey, out var alignment));
        Assert.Equal(64u, alignment.Value);
        Assert.Equal(0, bytes.Length % 64);
        Assert.Equal(3f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(bytes.Length - 64)));
    }

    [Fact]
    public void Set_ExistingKey_ReplacesTheValueInPlace()
    {
        var writer = new GgufWriter();
        writer.Set("first", GgufMetadataValue.UInt32(1));
        writer.Set("second", GgufMetadataValue.UInt32(2));

        writer.Set("first", GgufMetadataValue.String("one"));

        Assert.Equal(["first", "second"], writer.MetadataKeys);
        Assert.True(writer.TryGetValue("first", out var value));
        Assert.Equal("one", value.Value);
        Assert.True(writer.Remove("first"));
        Assert.Equal(["second"], writer.MetadataKeys);
    }

    [Fact]
    public void Invalid_Arguments_AreRejectedWhenAdded()
    {
        var writer = new GgufWriter();
        writer.AddTensor("t", GgufTensorType.F32, [2], new float[2]);

        Assert.Throws<ArgumentOutOfRangeException>(() => new GgufWriter(alignment: 48));
        Assert.Throws<ArgumentException>(() => writer.AddTensor("t", GgufTensorType.F32, [2], new float[2]));
        Assert.Throws<ArgumentException>(() => writer.AddTensor("u", GgufTensorType.F32, [2, 0], new float[2]));
        Assert.Throws<ArgumentException>(() => writer.AddTensor("v", GgufTensorType.F32, [3], new float[2]));
        Assert.Throws<ArgumentException>(() => writer.AddTensor(new string('x', 64), GgufTensorType.F32, [1], new float[1]));
        Assert.Throws<ArgumentException>(() => GgufMetadataValue.Array(GgufValueType.UInt8, [GgufMetadataValue.Int8(1)]));
        Assert.Throws<ArgumentException>(() => writer.Set(GgufWriter.AlignmentKey, GgufMetadataValue.UInt32(64)));
    }

    [Fact]
    public void WriteTo_CancelledToken_Throws()
    {
        var writer = new GgufWriter();
        writer.AddTensor("t", GgufTensorType.F32, [2], new float[2]);

        Assert.Throws<OperationCanceledException>(() => writer.WriteTo(Stream.Null, new CancellationToken(canceled: true)));
    }

    private static byte[] Write(GgufWriter writer)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }
}
