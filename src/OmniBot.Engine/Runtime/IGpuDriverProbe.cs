namespace OmniBot.Engine.Runtime;

/// <summary>Looks for a GPU driver before any llama.cpp build that needs it is loaded.</summary>
internal interface IGpuDriverProbe
{
    /// <param name="backend"><see cref="NativeBackend.Cuda"/> or <see cref="NativeBackend.Vulkan"/>.</param>
    /// <param name="countDevices">Also ask the driver how many devices it has (initializes the driver).</param>
    GpuDriverState Probe(NativeBackend backend, bool countDevices);
}
