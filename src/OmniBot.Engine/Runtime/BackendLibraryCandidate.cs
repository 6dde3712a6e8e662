using LLama.Abstractions;
using LLama.Native;

namespace OmniBot.Engine.Runtime;

/// <summary>
/// One planned build handed to LLamaSharp's loader. LLamaSharp reads <see cref="Metadata"/> to preload
/// the matching ggml-cpu (and ggml-cuda/ggml-vulkan) libraries before the llama library itself.
/// </summary>
internal sealed class BackendLibraryCandidate(PlannedBackend planned, NativeLibraryName library, string libraryPath) : INativeLibrary
{
    public PlannedBackend Planned { get; } = planned;

    public string LibraryPath { get; } = libraryPath;

    public NativeLibraryMetadata? Metadata => Planned.Backend == NativeBackend.Custom
        ? null
        : new NativeLibraryMetadata(library, Planned.Backend == NativeBackend.Cuda, Planned.Backend == NativeBackend.Vulkan, ToAvxLevel(Planned.CpuLevel));

    public IEnumerable<string> Prepare(SystemInfo systemInfo, NativeLogConfig.LLamaLogCallback? logCallback) => [LibraryPath];

    private static AvxLevel ToAvxLevel(Hardware.CpuSimdLevel level) => level switch
    {
        Hardware.CpuSimdLevel.Avx512 => AvxLevel.Avx512,
        Hardware.CpuSimdLevel.Avx2 => AvxLevel.Avx2,
        Hardware.CpuSimdLevel.Avx => AvxLevel.Avx,
        _ => AvxLevel.None,
    };
}
