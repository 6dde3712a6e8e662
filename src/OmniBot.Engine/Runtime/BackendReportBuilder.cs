using System.Runtime.InteropServices;
using LLama.Native;
using OmniBot.Engine.Hardware;

namespace OmniBot.Engine.Runtime;

/// <summary>Turns the plan and what actually loaded into the decisions and report users read.</summary>
internal static class BackendReportBuilder
{
    public static IReadOnlyList<BackendDecision> Decide(IReadOnlyList<PlannedBackend> plan, PlannedBackend? loaded)
    {
        var chosenIndex = loaded is null ? -1 : IndexOf(plan, loaded);
        var decisions = new List<BackendDecision>(plan.Count);
        for (var i = 0; i < plan.Count; i++)
        {
            var planned = plan[i];
            var (status, reason) = planned.Blocked is { } blocked ? (blocked, planned.Reason)
                : i == chosenIndex ? (BackendStatus.Used, planned.Reason)
                : chosenIndex < 0 || i < chosenIndex ? (BackendStatus.LoadFailed, "its library failed to load: " + DescribeLoadFailure(planned.LibraryPath))
                : (BackendStatus.NotNeeded, $"would work, but the preferred {plan[chosenIndex].Variant} build loaded first");
            decisions.Add(new BackendDecision(planned.Backend, planned.Variant, status, reason, planned.LibraryPath));
        }

        return decisions;
    }

    public static RuntimeReport Build(
        IReadOnlyList<PlannedBackend> plan,
        PlannedBackend? chosen,
        RuntimePlatform platform,
        CpuSimdLevel cpuLevel,
        IReadOnlyList<BackendDevice> devices)
    {
        var decisions = Decide(plan, chosen).ToList();
        if (chosen is null)
        {
            // LLamaSharp loaded something outside our plan; say so rather than guess.
            const string unknown = "LLamaSharp loaded a native library outside OmniBot's plan";
            return Describe(NativeBackend.Custom, "unknown", unknown, null, platform, cpuLevel, decisions, devices);
        }

        var reason = chosen.Reason;
        var usedIndex = decisions.FindIndex(d => d.Used);
        if (chosen.Backend is NativeBackend.Cuda or NativeBackend.Vulkan or NativeBackend.Metal && !devices.Any(d => d.IsGpu))
        {
            reason += "; but it registered no GPU device, so all work runs on the CPU";
            decisions[usedIndex] = decisions[usedIndex] with { Reason = reason };
        }
        else if (chosen.Backend == NativeBackend.Cpu)
        {
            var gpuDecisions = decisions.Where(d => d.Backend is NativeBackend.Cuda or NativeBackend.Vulkan or NativeBackend.Metal);
            reason += "; no GPU build is usable (" + string.Join(", ", gpuDecisions.Select(d => $"{Name(d.Backend)}: {Words(d.Status)}")) + ")";
        }

        return Describe(chosen.Backend, chosen.Variant, reason, chosen.LibraryPath, platform, cpuLevel, decisions, devices);
    }

    public static RuntimeReport Describe(
        NativeBackend backend,
        string variant,
        string reason,
        string? libraryPath,
        RuntimePlatform platform,
        CpuSimdLevel cpuLevel,
        IReadOnlyList<BackendDecision> decisions,
        IReadOnlyList<BackendDevice> devices) =>
        new(
            backend,
            variant,
            reason,
            libraryPath,
            platform.RuntimeIdentifier,
            cpuLevel,
            NativeApi.llama_supports_gpu_offload(),
            NativeApi.llama_supports_mmap(),
            NativeApi.llama_supports_mlock(),
            decisions,
            devices,
            LlamaRuntime.ReadSystemInfo() ?? string.Empty);

    /// <summary>The builds that were tried, or, when none could be, why the CPU builds could not.</summary>
    public static string Summarize(IReadOnlyList<BackendDecision> decisions)
    {
        var tried = decisions.Where(d => d.Status == BackendStatus.LoadFailed).ToList();
        var shown = tried.Count > 0 ? tried : decisions.Where(d => d.Backend is NativeBackend.Cpu or NativeBackend.Custom).ToList();
        return string.Join("; ", shown.Select(d => $"{Name(d.Backend)} {d.Variant}: {d.Reason}")) + ".";
    }

    public static string Name(NativeBackend backend) => backend switch
    {
        NativeBackend.Cuda => "CUDA",
        NativeBackend.Vulkan => "Vulkan",
        NativeBackend.Metal => "Metal",
        NativeBackend.Cpu => "CPU",
        _ => "custom",
    };

    public static string Words(BackendStatus status) => status switch
    {
        BackendStatus.Used => "used",
        BackendStatus.Disabled => "disabled",
        BackendStatus.NotThisPlatform => "not for this platform",
        BackendStatus.PackageMissing => "package not installed",
        BackendStatus.NoDriver => "no driver",
        BackendStatus.NoDevice => "no device",
        BackendStatus.UnsupportedCpu => "CPU lacks the instructions",
        BackendStatus.LoadFailed => "failed to load",
        BackendStatus.NotNeeded => "not needed",
        BackendStatus.Overridden => "overridden by a named library",
        _ => status.ToString(),
    };

    private static int IndexOf(IReadOnlyList<PlannedBackend> plan, PlannedBackend item)
    {
        for (var i = 0; i < plan.Count; i++)
        {
            if (ReferenceEquals(plan[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Asks the OS loader again to get its error text (LLamaSharp's loader only says it failed).</summary>
    private static string DescribeLoadFailure(string path)
    {
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(path));
            return "it loads on its own, so a library it needs was missing while loading";
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            return LoaderReason(ex.Message);
        }
    }

    /// <summary>
    /// .NET's message starts with generic advice; the dynamic loader's own reason ("invalid ELF header",
    /// "libcudart.so.12: cannot open shared object file") is on a later line.
    /// </summary>
    internal static string LoaderReason(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Skip(1).FirstOrDefault() ?? lines.FirstOrDefault() ?? "no reason given";
    }
}
