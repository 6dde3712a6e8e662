using System.Runtime.InteropServices;

namespace OmniBot.Engine.Runtime;

/// <summary>
/// Probes the real CUDA and Vulkan drivers through their C entry points (cuInit/cuDeviceGetCount,
/// vkCreateInstance/vkEnumeratePhysicalDevices). A missing driver is an answer, never an exception.
/// </summary>
internal sealed unsafe class SystemGpuDriverProbe : IGpuDriverProbe
{
    private const int CudaErrorNoDevice = 100;
    private const int VkStructureTypeInstanceCreateInfo = 1;

    public static SystemGpuDriverProbe Instance { get; } = new();

    public GpuDriverState Probe(NativeBackend backend, bool countDevices) => backend switch
    {
        NativeBackend.Cuda => ProbeCuda(countDevices),
        NativeBackend.Vulkan => ProbeVulkan(countDevices),
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "Only CUDA and Vulkan have drivers to probe."),
    };

    private static GpuDriverState ProbeCuda(bool countDevices)
    {
        var library = OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1";
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            return new GpuDriverState(library, false, null, null);
        }

        if (!countDevices)
        {
            NativeLibrary.Free(handle);
            return new GpuDriverState(library, true, null, null);
        }

        // The driver stays loaded: once cuInit has run it owns threads, and ggml-cuda uses it next.
        if (!NativeLibrary.TryGetExport(handle, "cuInit", out var initExport)
            || !NativeLibrary.TryGetExport(handle, "cuDeviceGetCount", out var countExport))
        {
            return new GpuDriverState(library, true, null, "the driver library lacks cuInit/cuDeviceGetCount");
        }

        var cuInit = (delegate* unmanaged[Cdecl]<uint, int>)initExport;
        var cuDeviceGetCount = (delegate* unmanaged[Cdecl]<int*, int>)countExport;
        var status = cuInit(0);
        if (status == CudaErrorNoDevice)
        {
            return new GpuDriverState(library, true, 0, null);
        }

        if (status != 0)
        {
            return new GpuDriverState(library, true, null, $"cuInit failed with CUDA error {status}");
        }

        int count;
        status = cuDeviceGetCount(&count);
        return status == 0
            ? new GpuDriverState(library, true, count, null)
            : new GpuDriverState(library, true, null, $"cuDeviceGetCount failed with CUDA error {status}");
    }

    private static GpuDriverState ProbeVulkan(bool countDevices)
    {
        var library = OperatingSystem.IsWindows() ? "vulkan-1.dll" : OperatingSystem.IsMacOS() ? "libvulkan.1.dylib" : "libvulkan.so.1";
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            return new GpuDriverState(library, false, null, null);
        }

        if (!countDevices)
        {
            NativeLibrary.Free(handle);
            return new GpuDriverState(library, true, null, null);
        }

        if (!NativeLibrary.TryGetExport(handle, "vkCreateInstance", out var createExport)
            || !NativeLibrary.TryGetExport(handle, "vkEnumeratePhysicalDevices", out var enumerateExport)
            || !NativeLibrary.TryGetExport(handle, "vkDestroyInstance", out var destroyExport))
        {
            return new GpuDriverState(library, true, null, "the Vulkan loader lacks its core entry points");
        }

        var vkCreateInstance = (delegate* unmanaged[Cdecl]<VkInstanceCreateInfo*, void*, IntPtr*, int>)createExport;
        var vkEnumeratePhysicalDevices = (delegate* unmanaged[Cdecl]<IntPtr, uint*, IntPtr*, int>)enumerateExport;
        var vkDestroyInstance = (delegate* unmanaged[Cdecl]<IntPtr, void*, void>)destroyExport;

        var info = new VkInstanceCreateInfo { SType = VkStructureTypeInstanceCreateInfo };
        IntPtr instance;
        var result = vkCreateInstance(&info, null, &instance);
        if (result != 0)
        {
            // VK_ERROR_INCOMPATIBLE_DRIVER (-9) is what a loader without any installed driver (ICD) returns.
            return new GpuDriverState(library, true, result == -9 ? 0 : null, $"vkCreateInstance failed with VkResult {result}");
        }

        try
        {
            uint count = 0;
            result = vkEnumeratePhysicalDevices(instance, &count, null);
            return result == 0
                ? new GpuDriverState(library, true, (int)count, null)
                : new GpuDriverState(library, true, null, $"vkEnumeratePhysicalDevices failed with VkResult {result}");
        }
        finally
        {
            vkDestroyInstance(instance, null);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct VkInstanceCreateInfo
    {
        public int SType;
        public IntPtr Next;
        public uint Flags;
        public IntPtr ApplicationInfo;
        public uint EnabledLayerCount;
        public IntPtr EnabledLayerNames;
        public uint EnabledExtensionCount;
        public IntPtr EnabledExtensionNames;
    }
}
