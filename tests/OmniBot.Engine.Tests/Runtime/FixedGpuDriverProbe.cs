using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Tests.Runtime;

/// <summary>A driver probe with fixed answers, so planning can be tested for machines we do not have.</summary>
internal sealed class FixedGpuDriverProbe(GpuDriverState cuda, GpuDriverState vulkan) : IGpuDriverProbe
{
    public static readonly GpuDriverState MissingCuda = new("libcuda.so.1", false, null, null);

    public static readonly GpuDriverState MissingVulkan = new("libvulkan.so.1", false, null, null);

    public static FixedGpuDriverProbe NoDrivers() => new(MissingCuda, MissingVulkan);

    public List<(NativeBackend Backend, bool CountDevices)> Calls { get; } = [];

    public GpuDriverState Probe(NativeBackend backend, bool countDevices)
    {
        Calls.Add((backend, countDevices));
        var state = backend == NativeBackend.Cuda ? cuda : vulkan;
        return countDevices ? state : state with { DeviceCount = null };
    }
}
