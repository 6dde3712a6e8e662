using System.Text.Json;
using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

public sealed class GgufValueRoundTripTests
{
    public static TheoryData<string, GgufValue> Scalars() => new()
    {
        { "u8", GgufValue.FromUInt8(250) },
        { "i8", GgufValue.FromInt8(-120) },
        { "u16", GgufValue.FromUInt16(65000) },
        { "i16", GgufValue.FromInt16(-32000) },
        { "u32", GgufValue.FromUInt32(4_000_000_000) },
        { "i32", GgufValue.FromInt32(-2_000_000_000) },
        { "f32", GgufValue.FromFloat32(3.25f) },
        { "bool", GgufValue.FromBool(true) },
        { "string", GgufValue.FromString("héllo wörld ✓") },
        { "u64", GgufValue.FromUInt64(ulong.MaxValue) },
        { "i64", GgufValue.FromInt64(long.MinValue) },
        { "f64", GgufValue.FromFloat64(-1.5e300) },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Read_EachScalarType_ReturnsTheWrittenValue(string key, GgufValue written)
    {
        var read = ReadBack(key, written);

        Assert.Equal(written.Type, read.Type);
        Assert.Equal(written.ToString(), read.ToString());
        Assert.Equal(written.ToJsonString(), read.ToJsonString());
    }

    [Fact]
    public void Read_ArraysOfEveryType_ReturnTheWrittenItems()
    {
        var model = BaseModel()
            .Add("a.u8", GgufValue.FromArray(GgufArray.Create<byte>([0, 1, 255])))
            .Add("a.i8", GgufValue.FromArray(GgufArray.Create<sbyte>([-128, 0, 127])))
            .Add("a.u16", GgufValue.FromArray(GgufArray.Create<ushort>([0, 65535])))
            .Add("a.i16", GgufValue.FromArray(GgufArray.Create<short>([-32768, 32767])))
            .Add("a.u32", GgufValue.FromArray(GgufArray.Create<uint>([uint.MaxValue])))
            .Add("a.i32", GgufValue.FromArray(GgufArray.Create<int>([int.MinValue, -1, 7])))
            .Add("a.f32", GgufValue.FromArray(GgufArray.Create<float>([0.5f, float.NaN, float.NegativeInfinity])))
            .Add("a.bool", GgufValue.FromArray(GgufArray.Create<bool>([true, false, true])))
            .Add("a.u64", GgufValue.FromArray(GgufArray.Create<ulong>([ulong.MaxValue, 0])))
            .Add("a.i64", GgufValue.FromArray(GgufArray.Create<long>([long.MinValue, long.MaxValue])))
            .Add("a.f64", GgufValue.FromArray(GgufArray.Create<double>([Math.PI])))
            .Add("a.string", GgufValue.FromArray(GgufArray.FromStrings(["", "a", "ß✓"])))
            .Add("a.empty", GgufValue.FromArray(GgufArray.FromStrings([])))
            .Add("a.nested", GgufValue.FromArray(GgufArray.FromArrays([GgufArray.Create<int>([1, 2]), GgufArray.FromStrings(["x"]), GgufArray.FromArrays([GgufArray.Create<bool>([true])])])));

        var metadata = GgufReader.Read(new MemoryStream(model.Build())).Metadata;

        Assert.Equal([0, 1, 255], metadata["a.u8"].AsArray().AsSpan<byte>().ToArray());
        Assert.Equal([-128, 0, 127], metadata["a.i8"].AsArray().AsSpan<sbyte>().ToArray());
        Assert.Equal([0, 65535], metadata["a.u16"].AsArray().AsSpan<ushort>().ToArray());
        Assert.Equal([-32768, 32767], metadata["a.i16"].AsArray().AsSpan<short>().ToArray());
        Assert.Equal([uint.MaxValue], metadata["a.u32"].AsArray().AsSpan<uint>().ToArray());
        Assert.Equal([int.MinValue, -1, 7], metadata["a.i32"].AsArray().AsSpan<int>().ToArray());
        Assert.Equal([0.5f, float.NaN, float.NegativeInfinity], metadata["a.f32"].AsArray().AsSpan<float>().ToArray());
        Assert.Equal([true, false, true], metadata["a.bool"].AsArray().AsSpan<bool>().ToArray());
        Assert.Equal([ulong.MaxValue, 0UL], metadata["a.u64"].AsArray().AsSpan<ulong>().ToArray());
        Assert.Equal([long.MinValue, long.MaxValue], metadata["a.i64"].AsArray().AsSpan<long>().ToArray());
        Assert.Equal([Math.PI], metadata["a.f64"].AsArray().AsSpan<double>().ToArray());
        Assert.Equal(["", "a", "ß✓"], metadata["a.string"].AsArray().AsStrings());
        Assert.Empty(metadata["a.empty"].AsArray());
        var nested = metadata["a.nested"].AsArray();
        Assert.Equal(GgufValueType.Array, nested.ElementType);
        Assert.Equal("[[1, 2], [\"x\"], [[true]]]", nested.ToString(), ignoreCase: false);
        Assert.Equal("[[1,2],[\"x\"],[[true]]]", metadata["a.nested"].ToJsonString());
    }

    [Fact]
    public void Read_ValuesLargerThanTheReadBuffer_AreReadWhole()
    {
        var template = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"{i % 10}é"));
        var numbers = Enumerable.Range(0, 50_000).ToArray();
        var model = BaseModel()
            .Add("x.before", GgufValue.FromArray(GgufArray.Create<byte>(new byte[40_000])))
            .Add("tokenizer.chat_template", template)
            .Add("x.numbers", GgufValue.FromArray(GgufArray.Create<int>(numbers)))
            .Add("x.after", 7u);

        var metadata = GgufReader.Read(new MemoryStream(model.Build())).Metadata;

        Assert.Equal(template, metadata["tokenizer.chat_template"].AsString());
        Assert.Equal(numbers, metadata["x.numbers"].AsArray().AsSpan<int>().ToArray());
        Assert.Equal(7u, metadata["x.after"].AsUInt32());
    }

    [Fact]
    public void Read_Metadata_KeepsFileOrderAndLooksUpByKey()
    {
        var metadata = GgufReader.Read(new MemoryStream(SyntheticGguf.TinyLlama().Build())).Metadata;

        Assert.Equal("general.architecture", metadata[0].Key);
        Assert.Equal("general.name", metadata.Keys.ElementAt(1));
        Assert.Equal(1, metadata.IndexOf("general.name"));
        Assert.Equal(-1, metadata.IndexOf("no.such.key"));
        Assert.Equal(2u, metadata["llama.block_count"].AsUInt32());
        Assert.False(metadata.ContainsKey("no.such.key"));
        Assert.Throws<KeyNotFoundException>(() => metadata["no.such.key"]);
    }

    [Fact]
    public void ToJsonString_NonFiniteFloatsAndLongArrays_StayValidJson()
    {
        var value = GgufValue.FromArray(GgufArray.Create<double>([double.NaN, double.PositiveInfinity, 1.5]));

        using var json = JsonDocument.Parse(value.ToJsonString());

        Assert.Equal(["NaN", "Infinity", "1.5"], json.RootElement.EnumerateArray().Select(item => item.ToString()));
        var tokens = GgufValue.FromArray(GgufArray.FromStrings(Enumerable.Range(0, 1000).Select(i => $"t{i}")));
        Assert.Equal("[\"t0\", \"t1\", …] (1000 × String)", tokens.ToDisplayString(2));
    }

    [Fact]
    public void TypedAccessors_WrongType_ThrowAndNumericConversionsAcceptAnyWidth()
    {
        var value = GgufValue.FromUInt16(512);

        Assert.Throws<InvalidOperationException>(() => value.AsUInt32());
        Assert.Throws<InvalidOperationException>(() => value.AsString());
        Assert.True(value.TryGetInt64(out var integer));
        Assert.Equal(512, integer);
        Assert.True(value.TryGetDouble(out var real));
        Assert.Equal(512.0, real);
        Assert.False(GgufValue.FromUInt64(ulong.MaxValue).TryGetInt64(out _));
        Assert.False(GgufValue.FromString("7").TryGetInt64(out _));
        Assert.Throws<InvalidOperationException>(() => GgufArray.Create<int>([1]).AsSpan<uint>());
    }

    private static GgufValue ReadBack(string key, GgufValue value) =>
        GgufReader.Read(new MemoryStream(BaseModel().Add(key, value).Build())).Metadata[key];

    private static SyntheticGguf BaseModel() => new SyntheticGguf().Add("general.architecture", "test");
}
