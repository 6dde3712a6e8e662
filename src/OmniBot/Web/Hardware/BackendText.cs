using OmniBot.Engine.Runtime;

namespace OmniBot.Web.Hardware;

/// <summary>Names of native builds and their decisions, as the hardware page writes them.</summary>
public static class BackendText
{
    public static string Name(NativeBackend backend) => backend switch
    {
        NativeBackend.Cpu => "CPU",
        NativeBackend.Cuda => "CUDA",
        NativeBackend.Vulkan => "Vulkan",
        NativeBackend.Metal => "Metal",
        _ => "Custom library",
    };

    public static string Status(BackendStatus status) => status switch
    {
        BackendStatus.Used => "used",
        BackendStatus.Disabled => "turned off",
        BackendStatus.NotThisPlatform => "not for this platform",
        BackendStatus.PackageMissing => "package not installed",
        BackendStatus.NoDriver => "no driver",
        BackendStatus.NoDevice => "no device",
        BackendStatus.UnsupportedCpu => "CPU lacks instructions",
        BackendStatus.LoadFailed => "failed to load",
        BackendStatus.NotNeeded => "not needed",
        _ => "overridden",
    };
}
