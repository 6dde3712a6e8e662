using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Hardware;

/// <summary>A snapshot of the machine: processor, memory, graphics adapters and llama.cpp's devices.</summary>
/// <param name="OperatingSystem">OS description, e.g. "Ubuntu 24.04.1 LTS".</param>
/// <param name="Cpu">The processor.</param>
/// <param name="Memory">System memory.</param>
/// <param name="Gpus">Adapters the OS or vendor tools report, whether or not llama.cpp can use them.</param>
/// <param name="BackendDevices">The devices llama.cpp itself registered; empty before the runtime is initialized.</param>
public sealed record HardwareInfo(
    string OperatingSystem,
    CpuInfo Cpu,
    MemoryInfo Memory,
    IReadOnlyList<GpuInfo> Gpus,
    IReadOnlyList<BackendDevice> BackendDevices);
