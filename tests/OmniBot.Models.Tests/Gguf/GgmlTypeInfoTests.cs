using System.Runtime.InteropServices;
using OmniBot.Engine.Runtime;
using OmniBot.Models.Gguf;

namespace OmniBot.Models.Tests.Gguf;

public sealed class GgmlTypeInfoTests
{
    [Theory]
    [InlineData(GgmlType.F32, 1, 4)]
    [InlineData(GgmlType.BF16, 1, 2)]
    [InlineData(GgmlType.Q4_0, 32, 18)]
    [InlineData(GgmlType.Q8_0, 32, 34)]
    [InlineData(GgmlType.Q4_K, 256, 144)]
    [InlineData(GgmlType.Q6_K, 256, 210)]
    [InlineData(GgmlType.IQ2_XXS, 256, 66)]
    [InlineData(GgmlType.IQ4_NL, 32, 18)]
    [InlineData(GgmlType.TQ1_0, 256, 54)]
    [InlineData(GgmlType.TQ2_0, 256, 66)]
    [InlineData(GgmlType.MXFP4, 32, 17)]
    public void Get_KnownType_GivesItsBlockLayout(GgmlType type, int blockSize, int typeSize)
    {
        var info = GgmlTypeInfo.Get(type);

        Assert.Equal(blockSize, info.BlockSize);
        Assert.Equal(typeSize, info.TypeSize);
        Assert.Equal(blockSize > 1, info.IsQuantized);
        Assert.Equal(type.ToString(), info.Name);
    }

    [Fact]
    public void GetByteCount_PartialBlock_RoundsUpToWholeBlocks()
    {
        var q8 = GgmlTypeInfo.Get(GgmlType.Q8_0);

        Assert.Equal(34, q8.GetByteCount(1));
        Assert.Equal(68, q8.GetByteCount(64));
        Assert.Equal(0, q8.GetByteCount(0));
    }

    [Fact]
    public void TryGet_RemovedOrUnknownType_IsFalse()
    {
        Assert.False(GgmlTypeInfo.TryGet((GgmlType)4, out _));
        Assert.False(GgmlTypeInfo.TryGet((GgmlType)31, out _));
        Assert.False(GgmlTypeInfo.TryGet((GgmlType)43, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => GgmlTypeInfo.Get((GgmlType)36));
    }

    [Fact]
    public void Layouts_EveryType_MatchTheNativeGgmlLibrary()
    {
        LlamaRuntime.EnsureInitialized();
        var ggml = LoadGgmlBase();

        var blockSize = Marshal.GetDelegateForFunctionPointer<TypeTrait>(NativeLibrary.GetExport(ggml, "ggml_blck_size"));
        var typeSize = Marshal.GetDelegateForFunctionPointer<TypeTrait>(NativeLibrary.GetExport(ggml, "ggml_type_size"));

        // Every id ggml knows, defined or removed: removed ids report a block size of 0.
        for (var id = 0; id <= (int)Enum.GetValues<GgmlType>().Max(); id++)
        {
            var known = GgmlTypeInfo.TryGet((GgmlType)id, out var info);
            Assert.Equal(known, Enum.IsDefined((GgmlType)id));
            Assert.Equal(known ? info.BlockSize : 0, blockSize(id));
            Assert.Equal(known ? info.TypeSize : 0, typeSize(id));
        }
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate long TypeTrait(int type);

    private static IntPtr LoadGgmlBase()
    {
        // libllama links ggml-base, so it is already loaded once the runtime is initialized.
        foreach (var name in new[] { "libggml-base.so", "ggml-base.dll", "libggml-base.dylib" })
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException("ggml-base is not loaded after initializing the llama.cpp runtime.");
    }
}
