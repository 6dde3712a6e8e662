using System.Runtime.InteropServices;
using LLama.Native;

namespace OmniBot.Engine.Runtime;

/// <summary>
/// Lists ggml's backend devices with their type and memory. LLamaSharp binds only count/get/name,
/// so type, description and memory are bound here from the loaded ggml-base library.
/// </summary>
internal static unsafe class GgmlDeviceQuery
{
    private static delegate* unmanaged[Cdecl]<IntPtr, int> _deviceType;
    private static delegate* unmanaged[Cdecl]<IntPtr, IntPtr> _deviceDescription;
    private static delegate* unmanaged[Cdecl]<IntPtr, nuint*, nuint*, void> _deviceMemory;

    /// <summary>Binds the extra entry points from the loaded llama library or the ggml-base beside it.</summary>
    public static void Bind(string? llamaLibraryPath, RuntimePlatform platform)
    {
        if (llamaLibraryPath is null)
        {
            return;
        }

        var directory = Path.GetDirectoryName(llamaLibraryPath) ?? string.Empty;
        foreach (var path in new[] { llamaLibraryPath, Path.Combine(directory, platform.LibraryFileName("ggml-base")) })
        {
            // Both are loaded already, so this only takes another reference to the same module.
            if (!NativeLibrary.TryLoad(path, out var handle))
            {
                continue;
            }

            if (NativeLibrary.TryGetExport(handle, "ggml_backend_dev_type", out var type)
                && NativeLibrary.TryGetExport(handle, "ggml_backend_dev_description", out var description)
                && NativeLibrary.TryGetExport(handle, "ggml_backend_dev_memory", out var memory))
            {
                _deviceType = (delegate* unmanaged[Cdecl]<IntPtr, int>)type;
                _deviceDescription = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)description;
                _deviceMemory = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, nuint*, void>)memory;
                return;
            }
        }
    }

    public static IReadOnlyList<BackendDevice> Enumerate()
    {
        var count = (int)NativeApi.ggml_backend_dev_count();
        var devices = new List<BackendDevice>(count);
        for (var i = 0; i < count; i++)
        {
            var device = NativeApi.ggml_backend_dev_get((nuint)i);
            var name = Marshal.PtrToStringUTF8(NativeApi.ggml_backend_dev_name(device)) ?? $"device{i}";
            if (_deviceType == null)
            {
                devices.Add(new BackendDevice(name, name, BackendDeviceType.Unknown, null, null));
                continue;
            }

            var type = _deviceType(device) switch
            {
                0 => BackendDeviceType.Cpu,
                1 => BackendDeviceType.Gpu,
                2 => BackendDeviceType.IntegratedGpu,
                3 => BackendDeviceType.Accelerator,
                _ => BackendDeviceType.Unknown,
            };
            var description = Marshal.PtrToStringUTF8(_deviceDescription(device)) ?? name;
            nuint free = 0;
            nuint total = 0;
            _deviceMemory(device, &free, &total);
            devices.Add(total == 0
                ? new BackendDevice(name, description, type, null, null)
                : new BackendDevice(name, description, type, (long)free, (long)total));
        }

        return devices;
    }
}
