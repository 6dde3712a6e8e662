namespace OmniBot.Engine.Runtime;

/// <summary>A compute device registered by the loaded llama.cpp build (ggml backend device).</summary>
/// <param name="Name">ggml's device name, e.g. "CUDA0", "Vulkan0", "CPU".</param>
/// <param name="Description">The driver's description, e.g. "NVIDIA GeForce RTX 4090".</param>
/// <param name="Type">CPU, GPU, integrated GPU or accelerator.</param>
/// <param name="FreeMemoryBytes">Free memory the device reports, when it reports any.</param>
/// <param name="TotalMemoryBytes">Total memory the device reports, when it reports any.</param>
public sealed record BackendDevice(
    string Name,
    string Description,
    BackendDeviceType Type,
    long? FreeMemoryBytes,
    long? TotalMemoryBytes)
{
    public bool IsGpu => Type is BackendDeviceType.Gpu or BackendDeviceType.IntegratedGpu;
}
