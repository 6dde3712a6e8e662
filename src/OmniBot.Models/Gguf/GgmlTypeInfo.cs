namespace OmniBot.Models.Gguf;

/// <summary>
/// Storage layout of a <see cref="GgmlType"/>: elements are stored in blocks of <see cref="BlockSize"/>
/// elements taking <see cref="TypeSize"/> bytes each (block size 1 for plain types like F32).
/// </summary>
public readonly record struct GgmlTypeInfo(GgmlType Type, int BlockSize, int TypeSize)
{
    // Indexed by ggml type id; the values are those of the llama.cpp build LLamaSharp 0.30.0 ships
    // (ggml_blck_size / ggml_type_size). A zero block size marks an id ggml has removed.
    private static readonly (int BlockSize, int TypeSize)[] Layouts =
    [
        (1, 4), (1, 2), (32, 18), (32, 20), (0, 0), (0, 0), (32, 22), (32, 24), (32, 34), (32, 36),
        (256, 84), (256, 110), (256, 144), (256, 176), (256, 210), (256, 292), (256, 66), (256, 74), (256, 98), (256, 50),
        (32, 18), (256, 110), (256, 82), (256, 136), (1, 1), (1, 2), (1, 4), (1, 8), (1, 8), (256, 56),
        (1, 2), (0, 0), (0, 0), (0, 0), (256, 54), (256, 66), (0, 0), (0, 0), (0, 0), (32, 17),
        (64, 36), (128, 18), (64, 18),
    ];

    private static readonly Dictionary<uint, string> RemovedTypes = new()
    {
        [4] = "Q4_2",
        [5] = "Q4_3",
        [31] = "Q4_0_4_4",
        [32] = "Q4_0_4_8",
        [33] = "Q4_0_8_8",
        [36] = "IQ4_NL_4_4",
        [37] = "IQ4_NL_4_8",
        [38] = "IQ4_NL_8_8",
    };

    /// <summary>The ggml name, e.g. "Q4_K" or "F16".</summary>
    public string Name => Type.ToString();

    /// <summary>True for block-quantized types (Q*, IQ*, TQ*, MXFP4, NVFP4).</summary>
    public bool IsQuantized => BlockSize > 1;

    /// <summary>Bytes needed for <paramref name="elementCount"/> elements, rounded up to whole blocks.</summary>
    public long GetByteCount(long elementCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementCount);
        var blocks = (elementCount / BlockSize) + (elementCount % BlockSize == 0 ? 0 : 1);
        return checked(blocks * TypeSize);
    }

    public static bool TryGet(GgmlType type, out GgmlTypeInfo info) => TryGet((uint)type, out info);

    public static GgmlTypeInfo Get(GgmlType type) =>
        TryGet(type, out var info)
            ? info
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a ggml type this build of llama.cpp knows.");

    internal static bool TryGet(uint id, out GgmlTypeInfo info)
    {
        if (id < Layouts.Length && Layouts[id].BlockSize > 0)
        {
            info = new GgmlTypeInfo((GgmlType)id, Layouts[id].BlockSize, Layouts[id].TypeSize);
            return true;
        }

        info = default;
        return false;
    }

    internal static string? GetRemovedTypeName(uint id) => RemovedTypes.GetValueOrDefault(id);
}
