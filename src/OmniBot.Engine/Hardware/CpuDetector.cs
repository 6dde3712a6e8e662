using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace OmniBot.Engine.Hardware;

/// <summary>Finds the processor's name, core counts and vector instruction sets.</summary>
internal static class CpuDetector
{
    public static CpuInfo Detect()
    {
        var cpuinfo = ProcFiles.TryReadAllText("/proc/cpuinfo");
        var model = (cpuinfo is null ? null : ParseModelName(cpuinfo))
            ?? ReadCpuIdBrandString()
            ?? ReadMacBrandString()
            ?? Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER")
            ?? $"{RuntimeInformation.ProcessArchitecture} processor";

        var features = DetectSimdFeatures(cpuinfo);
        return new CpuInfo(
            model.Trim(),
            RuntimeInformation.ProcessArchitecture.ToString(),
            Environment.ProcessorCount,
            cpuinfo is null ? null : ParsePhysicalCoreCount(cpuinfo),
            features,
            DetectSimdLevel());
    }

    /// <summary>
    /// The best prebuilt llama.cpp CPU library this processor runs. The AVX-512 build also uses
    /// BW, VBMI and VNNI instructions, so AVX-512F alone is not enough for it.
    /// </summary>
    public static CpuSimdLevel DetectSimdLevel()
    {
        if (Avx512F.IsSupported && Avx512BW.IsSupported && Avx512Vbmi.IsSupported && HasAvx512Vnni())
        {
            return CpuSimdLevel.Avx512;
        }

        if (Avx2.IsSupported && Fma.IsSupported)
        {
            return CpuSimdLevel.Avx2;
        }

        return Avx.IsSupported ? CpuSimdLevel.Avx : CpuSimdLevel.None;
    }

    public static IReadOnlyList<string> DetectSimdFeatures(string? cpuinfo)
    {
        var features = new List<string>();
        void Add(bool supported, string name)
        {
            if (supported)
            {
                features.Add(name);
            }
        }

        if (X86Base.IsSupported)
        {
            Add(Sse.IsSupported, "SSE");
            Add(Sse2.IsSupported, "SSE2");
            Add(Sse3.IsSupported, "SSE3");
            Add(Ssse3.IsSupported, "SSSE3");
            Add(Sse41.IsSupported, "SSE4.1");
            Add(Sse42.IsSupported, "SSE4.2");
            Add(Avx.IsSupported, "AVX");
            Add(Avx2.IsSupported, "AVX2");
            Add(Fma.IsSupported, "FMA");
            // .NET has no F16C class; the CPUID bit only counts when the OS saves AVX state.
            Add(Avx.IsSupported && (X86Base.CpuId(1, 0).Ecx & (1 << 29)) != 0, "F16C");
            Add(AvxVnni.IsSupported, "AVX-VNNI");
            Add(Avx512F.IsSupported, "AVX512F");
            Add(Avx512CD.IsSupported, "AVX512CD");
            Add(Avx512DQ.IsSupported, "AVX512DQ");
            Add(Avx512BW.IsSupported, "AVX512BW");
            Add(Avx512F.VL.IsSupported, "AVX512VL");
            Add(Avx512Vbmi.IsSupported, "AVX512VBMI");
            Add(HasAvx512Vnni(), "AVX512VNNI");
            Add(Avx512F.IsSupported && MaxLeaf7SubLeaf() >= 1 && (X86Base.CpuId(7, 1).Eax & (1 << 5)) != 0, "AVX512BF16");
        }

        if (AdvSimd.IsSupported)
        {
            Add(true, "NEON");
            Add(Dp.IsSupported, "DOTPROD");
            Add(Rdm.IsSupported, "RDM");
            var armFlags = cpuinfo is null ? [] : ParseFlags(cpuinfo, "Features");
            Add(armFlags.Contains("fphp"), "FP16");
            Add(armFlags.Contains("i8mm"), "I8MM");
            Add(armFlags.Contains("sve"), "SVE");
        }

        return features;
    }

    internal static string? ParseModelName(string cpuinfo)
    {
        foreach (var key in new[] { "model name", "Model", "Hardware", "cpu model" })
        {
            var value = FirstValue(cpuinfo, key);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    internal static int? ParsePhysicalCoreCount(string cpuinfo)
    {
        var cores = new HashSet<(string Package, string Core)>();
        string package = "0";
        string? core = null;
        foreach (var line in cpuinfo.Split('\n'))
        {
            var (key, value) = SplitLine(line);
            if (key == "physical id")
            {
                package = value;
            }
            else if (key == "core id")
            {
                core = value;
            }
            else if (key.Length == 0 && core is not null)
            {
                cores.Add((package, core));
                core = null;
            }
        }

        if (core is not null)
        {
            cores.Add((package, core));
        }

        return cores.Count > 0 ? cores.Count : null;
    }

    private static HashSet<string> ParseFlags(string cpuinfo, string key) =>
        FirstValue(cpuinfo, key)?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) ?? [];

    private static string? FirstValue(string cpuinfo, string key)
    {
        foreach (var line in cpuinfo.Split('\n'))
        {
            var (lineKey, value) = SplitLine(line);
            if (lineKey == key)
            {
                return value;
            }
        }

        return null;
    }

    private static (string Key, string Value) SplitLine(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (line.Trim(), string.Empty)
            : (line[..colon].Trim(), line[(colon + 1)..].Trim());
    }

    private static bool HasAvx512Vnni() =>
        Avx512F.IsSupported && (X86Base.CpuId(7, 0).Ecx & (1 << 11)) != 0;

    private static int MaxLeaf7SubLeaf() => X86Base.CpuId(7, 0).Eax;

    private static string? ReadCpuIdBrandString()
    {
        if (!X86Base.IsSupported || (uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax < 0x80000004)
        {
            return null;
        }

        var bytes = new byte[48];
        for (var i = 0; i < 3; i++)
        {
            var (eax, ebx, ecx, edx) = X86Base.CpuId(unchecked((int)0x80000002) + i, 0);
            BitConverter.TryWriteBytes(bytes.AsSpan((i * 16) + 0), eax);
            BitConverter.TryWriteBytes(bytes.AsSpan((i * 16) + 4), ebx);
            BitConverter.TryWriteBytes(bytes.AsSpan((i * 16) + 8), ecx);
            BitConverter.TryWriteBytes(bytes.AsSpan((i * 16) + 12), edx);
        }

        var brand = System.Text.Encoding.ASCII.GetString(bytes).TrimEnd('\0').Trim();
        return brand.Length > 0 ? brand : null;
    }

    private static string? ReadMacBrandString()
    {
        if (!OperatingSystem.IsMacOS())
        {
            return null;
        }

        var output = ToolRunner.TryRun("sysctl", "-n machdep.cpu.brand_string");
        return string.IsNullOrWhiteSpace(output) ? null : output.Trim();
    }
}
