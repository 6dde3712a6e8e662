using System.Globalization;

namespace OmniBot.Engine.Hardware;

/// <summary>Finds total and available memory, honouring container (cgroup) limits.</summary>
internal static class MemoryDetector
{
    public static MemoryInfo Detect()
    {
        var meminfo = ProcFiles.TryReadAllText("/proc/meminfo");
        if (meminfo is not null && ParseMeminfo(meminfo) is { } system)
        {
            return ApplyCgroupLimit(system);
        }

        var gc = GC.GetGCMemoryInfo();
        var total = gc.TotalAvailableMemoryBytes;
        return new MemoryInfo(total, Math.Max(0, total - gc.MemoryLoadBytes), "GC memory info");
    }

    /// <summary>Reads MemTotal and MemAvailable (kB) from /proc/meminfo text.</summary>
    internal static MemoryInfo? ParseMeminfo(string meminfo)
    {
        long? total = null;
        long? available = null;
        long? free = null;
        foreach (var line in meminfo.Split('\n'))
        {
            var parts = line.Split(':', 2);
            if (parts.Length != 2)
            {
                continue;
            }

            var value = ParseKilobytes(parts[1]);
            switch (parts[0].Trim())
            {
                case "MemTotal":
                    total = value;
                    break;
                case "MemAvailable":
                    available = value;
                    break;
                case "MemFree":
                    free = value;
                    break;
            }
        }

        // Kernels before 3.14 have no MemAvailable; MemFree understates but never overstates.
        return total is { } t && (available ?? free) is { } a ? new MemoryInfo(t, a, "/proc/meminfo") : null;
    }

    private static long? ParseKilobytes(string text)
    {
        var number = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
    }

    private static MemoryInfo ApplyCgroupLimit(MemoryInfo system)
    {
        var limit = ReadBytes("/sys/fs/cgroup/memory.max") ?? ReadBytes("/sys/fs/cgroup/memory/memory.limit_in_bytes");
        if (limit is not { } l || l <= 0 || l >= system.TotalBytes)
        {
            return system;
        }

        var used = ReadBytes("/sys/fs/cgroup/memory.current") ?? ReadBytes("/sys/fs/cgroup/memory/memory.usage_in_bytes") ?? 0;
        var available = Math.Min(system.AvailableBytes, Math.Max(0, l - used));
        return new MemoryInfo(l, available, "cgroup");
    }

    private static long? ReadBytes(string path)
    {
        var text = ProcFiles.TryReadAllText(path)?.Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
