namespace OmniBot.Engine.Runtime;

/// <summary>What a GPU driver probe found.</summary>
/// <param name="DriverLibrary">The driver library looked for, e.g. "libcuda.so.1".</param>
/// <param name="DriverLoaded">Whether that library could be loaded.</param>
/// <param name="DeviceCount">Devices the driver reports; null when not asked or the driver would not say.</param>
/// <param name="Detail">Why the count is unknown, when it is.</param>
internal sealed record GpuDriverState(string DriverLibrary, bool DriverLoaded, int? DeviceCount, string? Detail);
