namespace OmniBot.Engine.Hardware;

/// <summary>System memory as this process can use it (container limits applied).</summary>
/// <param name="TotalBytes">Memory the process may use in total.</param>
/// <param name="AvailableBytes">Memory that can be allocated now without swapping.</param>
/// <param name="Source">Where the numbers come from, e.g. "/proc/meminfo" or "cgroup".</param>
public sealed record MemoryInfo(long TotalBytes, long AvailableBytes, string Source);
