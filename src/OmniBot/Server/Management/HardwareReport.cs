using OmniBot.Engine.Hardware;
using OmniBot.Engine.Runtime;

namespace OmniBot.Server.Management;

/// <summary>
/// What <c>omnibot hw --json</c> prints and <c>GET /api/hardware</c> returns: the llama.cpp build in use and why,
/// every build considered, and the machine (CPU, SIMD, RAM, GPUs).
/// </summary>
public sealed record HardwareReport(
    NativeBackend? Backend,
    string? Variant,
    string? Reason,
    string? LibraryPath,
    string? RuntimeIdentifier,
    bool GpuOffloadSupported,
    bool MmapSupported,
    bool MlockSupported,
    string? SystemInfo,
    IReadOnlyList<BackendDecision> Backends,
    IReadOnlyList<BackendDevice> Devices,
    string OperatingSystem,
    CpuInfo Cpu,
    MemoryInfo Memory,
    IReadOnlyList<GpuInfo> Gpus,
    string? Error)
{
    public static HardwareReport Create(RuntimeReport? report, string? runtimeError, HardwareInfo hardware)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        return new(
            report?.Backend,
            report?.Variant,
            report?.Reason ?? runtimeError,
            report?.LibraryPath,
            report?.RuntimeIdentifier,
            report?.GpuOffloadSupported ?? false,
            report?.MmapSupported ?? false,
            report?.MlockSupported ?? false,
            report?.SystemInfo,
            report?.Decisions ?? [],
            hardware.BackendDevices,
            hardware.OperatingSystem,
            hardware.Cpu,
            hardware.Memory,
            hardware.Gpus,
            runtimeError);
    }

    /// <summary>The runtime already initialised by the server (or initialised now with defaults) and a fresh look at the machine.</summary>
    public static HardwareReport Current()
    {
        try
        {
            return Create(LlamaRuntime.EnsureInitialized(), null, HardwareDetector.Detect());
        }
        catch (NativeRuntimeException ex)
        {
            return Create(null, ex.Message, HardwareDetector.Detect());
        }
    }
}
