using OmniBot.Engine.Hardware;

namespace OmniBot.Engine.Runtime;

/// <summary>What the native runtime found and chose. Produced once per process by <see cref="LlamaRuntime"/>.</summary>
/// <param name="Backend">The build family that was loaded.</param>
/// <param name="Variant">The concrete build, e.g. "avx2" or "cuda12".</param>
/// <param name="Reason">Why this build was chosen.</param>
/// <param name="LibraryPath">The llama library that was loaded.</param>
/// <param name="RuntimeIdentifier">The platform folder searched, e.g. "linux-x64".</param>
/// <param name="CpuLevel">The best CPU build level this processor supports.</param>
/// <param name="GpuOffloadSupported">Whether layers can be offloaded to a GPU with this build.</param>
/// <param name="MmapSupported">Whether llama.cpp can memory-map model files here.</param>
/// <param name="MlockSupported">Whether llama.cpp can lock model memory here.</param>
/// <param name="Decisions">Every build considered, in order of preference, and what happened to it.</param>
/// <param name="Devices">The compute devices the loaded build registered, with memory at start-up.</param>
/// <param name="SystemInfo">llama.cpp's own feature line (llama_print_system_info).</param>
public sealed record RuntimeReport(
    NativeBackend Backend,
    string Variant,
    string Reason,
    string? LibraryPath,
    string RuntimeIdentifier,
    CpuSimdLevel CpuLevel,
    bool GpuOffloadSupported,
    bool MmapSupported,
    bool MlockSupported,
    IReadOnlyList<BackendDecision> Decisions,
    IReadOnlyList<BackendDevice> Devices,
    string SystemInfo);
