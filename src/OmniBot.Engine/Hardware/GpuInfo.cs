namespace OmniBot.Engine.Hardware;

/// <summary>A graphics adapter found by asking the operating system or the vendor's tools.</summary>
/// <param name="Name">Adapter name, e.g. "NVIDIA GeForce RTX 4090".</param>
/// <param name="Vendor">"NVIDIA", "AMD", ...</param>
/// <param name="TotalMemoryBytes">Dedicated memory, when known.</param>
/// <param name="FreeMemoryBytes">Dedicated memory free now, when known.</param>
/// <param name="DriverVersion">Driver version, when known.</param>
/// <param name="Source">How it was found: "nvidia-smi", "/proc/driver/nvidia", "sysfs".</param>
public sealed record GpuInfo(
    string Name,
    string Vendor,
    long? TotalMemoryBytes,
    long? FreeMemoryBytes,
    string? DriverVersion,
    string Source);
