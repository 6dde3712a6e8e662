using System.Runtime.InteropServices;
using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Hardware;

/// <summary>
/// Describes the machine. Managed probes only: it never loads a GPU library, so it is safe before
/// and without the native runtime. llama.cpp's own device list is included once the runtime is up.
/// </summary>
public static class HardwareDetector
{
    public static HardwareInfo Detect() =>
        new(
            RuntimeInformation.OSDescription,
            CpuDetector.Detect(),
            MemoryDetector.Detect(),
            GpuDetector.Detect(),
            LlamaRuntime.IsInitialized ? LlamaRuntime.QueryDevices() : []);

    /// <summary>Memory that can be allocated now, used to refuse loads that cannot fit.</summary>
    public static MemoryInfo DetectMemory() => MemoryDetector.Detect();

    /// <summary>The best prebuilt llama.cpp CPU level this processor runs.</summary>
    public static CpuSimdLevel DetectSimdLevel() => CpuDetector.DetectSimdLevel();
}
