using System.Globalization;

namespace OmniBot.Engine.Hardware;

/// <summary>
/// Finds graphics adapters without loading any GPU library: nvidia-smi when installed, else the
/// NVIDIA kernel driver's /proc files, plus AMD adapters from sysfs.
/// </summary>
internal static class GpuDetector
{
    private const long MebiByte = 1024 * 1024;

    public static IReadOnlyList<GpuInfo> Detect()
    {
        var gpus = new List<GpuInfo>();
        var smi = ToolRunner.TryRun("nvidia-smi", "--query-gpu=name,memory.total,memory.free,driver_version --format=csv,noheader,nounits");
        if (smi is not null)
        {
            gpus.AddRange(ParseNvidiaSmi(smi));
        }
        else if (OperatingSystem.IsLinux())
        {
            gpus.AddRange(ReadNvidiaProcFiles());
        }

        if (OperatingSystem.IsLinux())
        {
            gpus.AddRange(ReadAmdSysfs());
        }

        return gpus;
    }

    /// <summary>Parses <c>nvidia-smi --query-gpu=name,memory.total,memory.free,driver_version --format=csv,noheader,nounits</c>.</summary>
    internal static IReadOnlyList<GpuInfo> ParseNvidiaSmi(string csv)
    {
        var gpus = new List<GpuInfo>();
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length < 4 || fields[0].Length == 0)
            {
                continue;
            }

            gpus.Add(new GpuInfo(fields[0], "NVIDIA", ParseMebibytes(fields[1]), ParseMebibytes(fields[2]), fields[3], "nvidia-smi"));
        }

        return gpus;
    }

    /// <summary>Parses one /proc/driver/nvidia/gpus/*/information file ("Model: NVIDIA ...").</summary>
    internal static string? ParseNvidiaInformation(string information)
    {
        foreach (var line in information.Split('\n'))
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] == "Model" && parts[1].Length > 0)
            {
                return parts[1];
            }
        }

        return null;
    }

    private static List<GpuInfo> ReadNvidiaProcFiles()
    {
        var gpus = new List<GpuInfo>();
        const string root = "/proc/driver/nvidia/gpus";
        if (!Directory.Exists(root))
        {
            return gpus;
        }

        var driver = ParseNvidiaDriverVersion(ProcFiles.TryReadAllText("/proc/driver/nvidia/version"));
        foreach (var directory in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var information = ProcFiles.TryReadAllText(Path.Combine(directory, "information"));
            var name = information is null ? null : ParseNvidiaInformation(information);
            gpus.Add(new GpuInfo(name ?? "NVIDIA GPU", "NVIDIA", null, null, driver, "/proc/driver/nvidia"));
        }

        return gpus;
    }

    private static string? ParseNvidiaDriverVersion(string? version)
    {
        // "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar  5 ..."
        var words = version?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var module = Array.IndexOf(words, "Module");
        return module >= 0 && module + 1 < words.Length ? words[module + 1] : null;
    }

    private static List<GpuInfo> ReadAmdSysfs()
    {
        var gpus = new List<GpuInfo>();
        const string root = "/sys/class/drm";
        if (!Directory.Exists(root))
        {
            return gpus;
        }

        foreach (var card in Directory.EnumerateDirectories(root, "card*").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(card);
            if (name.Contains('-', StringComparison.Ordinal))
            {
                continue; // connectors such as card0-HDMI-A-1
            }

            var device = Path.Combine(card, "device");
            if (ProcFiles.TryReadAllText(Path.Combine(device, "vendor"))?.Trim() != "0x1002")
            {
                continue;
            }

            var total = ReadLong(Path.Combine(device, "mem_info_vram_total"));
            var used = ReadLong(Path.Combine(device, "mem_info_vram_used"));
            var product = ProcFiles.TryReadAllText(Path.Combine(device, "product_name"))?.Trim();
            gpus.Add(new GpuInfo(
                string.IsNullOrEmpty(product) ? $"AMD GPU ({name})" : product,
                "AMD",
                total,
                total is { } t && used is { } u ? t - u : null,
                null,
                "sysfs"));
        }

        return gpus;
    }

    private static long? ParseMebibytes(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var mib) ? mib * MebiByte : null;

    private static long? ReadLong(string path) =>
        long.TryParse(ProcFiles.TryReadAllText(path)?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
