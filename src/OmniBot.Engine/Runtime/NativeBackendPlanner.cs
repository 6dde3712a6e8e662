using OmniBot.Engine.Hardware;

namespace OmniBot.Engine.Runtime;

/// <summary>
/// Decides, before anything native is loaded, which llama.cpp builds to try and in what order:
/// CUDA, Vulkan, Metal, then the CPU builds from the best vector level down. Builds that cannot
/// work here are kept in the plan with the reason, so the report can explain every one of them.
/// </summary>
internal static class NativeBackendPlanner
{
    private const string CudaPackage = "LLamaSharp.Backend.Cuda12";
    private const string VulkanPackage = "LLamaSharp.Backend.Vulkan";
    private const string CpuPackage = "LLamaSharp.Backend.Cpu";

    public static IReadOnlyList<PlannedBackend> Plan(
        LlamaRuntimeOptions options,
        RuntimePlatform platform,
        CpuSimdLevel cpuLevel,
        IGpuDriverProbe driverProbe)
    {
        var nativeRoot = Path.Combine(options.RuntimesDirectory ?? AppContext.BaseDirectory, "runtimes", platform.RuntimeIdentifier, "native");
        var cpu = PlanCpu(options, platform, cpuLevel, nativeRoot);
        var bestCpuLevel = cpu.FirstOrDefault(c => c.IsCandidate)?.CpuLevel ?? CpuSimdLevel.None;

        var plan = new List<PlannedBackend>
        {
            PlanGpu(NativeBackend.Cuda, "cuda12", CudaPackage, options.EnableCuda, nameof(options.EnableCuda), platform, nativeRoot, bestCpuLevel, driverProbe),
            PlanGpu(NativeBackend.Vulkan, "vulkan", VulkanPackage, options.EnableVulkan, nameof(options.EnableVulkan), platform, nativeRoot, bestCpuLevel, driverProbe),
            PlanMetal(options, platform, nativeRoot),
        };
        plan.AddRange(cpu);

        if (options.ResolveUserLibrary() is { } user)
        {
            return PlanUserLibrary(user.Path, user.Origin, plan, bestCpuLevel);
        }

        return plan;
    }

    private static List<PlannedBackend> PlanUserLibrary(string path, string origin, List<PlannedBackend> automatic, CpuSimdLevel cpuLevel)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new NativeRuntimeException(
                $"{origin} names the native library '{fullPath}', which does not exist. " +
                $"Point it at a llama library (with its ggml libraries beside it) or unset it to let OmniBot choose a build.");
        }

        var plan = new List<PlannedBackend>
        {
            new(NativeBackend.Custom, "custom", Path.GetDirectoryName(fullPath)!, fullPath, null, $"named by {origin}", cpuLevel),
        };
        plan.AddRange(automatic.Select(p => p with
        {
            Blocked = BackendStatus.Overridden,
            Reason = $"not considered: {origin} names a native library to use instead",
        }));
        return plan;
    }

    private static PlannedBackend PlanGpu(
        NativeBackend backend,
        string variant,
        string package,
        bool enabled,
        string optionName,
        RuntimePlatform platform,
        string nativeRoot,
        CpuSimdLevel cpuLevel,
        IGpuDriverProbe driverProbe)
    {
        var directory = Path.Combine(nativeRoot, variant);
        var library = Path.Combine(directory, platform.LibraryFileName("llama"));
        var name = backend == NativeBackend.Cuda ? "CUDA" : "Vulkan";
        PlannedBackend Blocked(BackendStatus status, string reason) => new(backend, variant, directory, library, status, reason, cpuLevel);

        if (platform.Os is not (PlatformOs.Linux or PlatformOs.Windows) || !platform.IsX64)
        {
            return Blocked(BackendStatus.NotThisPlatform, $"{package} has builds only for Linux and Windows on x64, not {platform.RuntimeIdentifier}");
        }

        if (!enabled)
        {
            return Blocked(BackendStatus.Disabled, $"turned off ({nameof(LlamaRuntimeOptions)}.{optionName} = false)");
        }

        var packageInstalled = File.Exists(library);
        var driver = driverProbe.Probe(backend, countDevices: packageInstalled);
        if (!packageInstalled)
        {
            var hint = driver.DriverLoaded
                ? $"; a {name} driver is present, so adding {package} to the app would use the GPU"
                : string.Empty;
            return Blocked(BackendStatus.PackageMissing, $"the {package} package is not installed (no {Relative(library, nativeRoot, platform)}){hint}");
        }

        if (!driver.DriverLoaded)
        {
            var install = backend == NativeBackend.Cuda ? "install the NVIDIA driver" : "install your GPU's Vulkan driver";
            return Blocked(BackendStatus.NoDriver, $"the {name} driver library {driver.DriverLibrary} cannot be loaded; {install}");
        }

        if (driver.DeviceCount == 0)
        {
            return Blocked(BackendStatus.NoDevice, $"the {name} driver reports no device" + (driver.Detail is null ? string.Empty : $" ({driver.Detail})"));
        }

        var devices = driver.DeviceCount is { } count ? $"{count} device(s)" : $"an unknown number of devices ({driver.Detail})";
        return new PlannedBackend(backend, variant, directory, library, null, $"{name} driver found with {devices}", cpuLevel);
    }

    private static PlannedBackend PlanMetal(LlamaRuntimeOptions options, RuntimePlatform platform, string nativeRoot)
    {
        var library = Path.Combine(nativeRoot, platform.LibraryFileName("llama"));
        PlannedBackend Blocked(BackendStatus status, string reason) => new(NativeBackend.Metal, "metal", nativeRoot, library, status, reason, CpuSimdLevel.None);

        if (platform.Os != PlatformOs.MacOS)
        {
            return Blocked(BackendStatus.NotThisPlatform, "Metal exists only on macOS");
        }

        if (platform.IsX64)
        {
            return Blocked(BackendStatus.NotThisPlatform, "the Metal build needs Apple Silicon (osx-arm64)");
        }

        if (!options.EnableMetal)
        {
            return Blocked(BackendStatus.Disabled, $"turned off ({nameof(LlamaRuntimeOptions)}.{nameof(options.EnableMetal)} = false)");
        }

        if (!File.Exists(Path.Combine(nativeRoot, platform.LibraryFileName("ggml-metal"))))
        {
            return Blocked(BackendStatus.PackageMissing, $"the {CpuPackage} package's osx-arm64 Metal build is missing");
        }

        return new PlannedBackend(NativeBackend.Metal, "metal", nativeRoot, library, null, "Apple Silicon GPU via Metal", CpuSimdLevel.None);
    }

    private static List<PlannedBackend> PlanCpu(LlamaRuntimeOptions options, RuntimePlatform platform, CpuSimdLevel cpuLevel, string nativeRoot)
    {
        if (!platform.IsX64 || platform.Os == PlatformOs.MacOS)
        {
            // Arm64 and macOS have one CPU build, straight in the native folder.
            var variant = platform.IsX64 ? "cpu" : "neon";
            return [PlanCpuVariant(platform, nativeRoot, nativeRoot, variant, CpuSimdLevel.None, supported: true, capped: false)];
        }

        var cap = options.MaxCpuLevel ?? CpuSimdLevel.Avx512;
        return
        [
            .. new[] { CpuSimdLevel.Avx512, CpuSimdLevel.Avx2, CpuSimdLevel.Avx, CpuSimdLevel.None }
                .Select(level =>
                {
                    var variant = VariantName(level);
                    return PlanCpuVariant(platform, nativeRoot, Path.Combine(nativeRoot, variant), variant, level, level <= cpuLevel, level > cap);
                }),
        ];
    }

    private static PlannedBackend PlanCpuVariant(
        RuntimePlatform platform,
        string nativeRoot,
        string directory,
        string variant,
        CpuSimdLevel level,
        bool supported,
        bool capped)
    {
        var library = Path.Combine(directory, platform.LibraryFileName("llama"));
        PlannedBackend Blocked(BackendStatus status, string reason) => new(NativeBackend.Cpu, variant, directory, library, status, reason, level);

        if (!supported)
        {
            var needs = level == CpuSimdLevel.Avx512 ? "AVX-512 (F, BW, VBMI and VNNI)" : level == CpuSimdLevel.Avx2 ? "AVX2 and FMA" : "AVX";
            return Blocked(BackendStatus.UnsupportedCpu, $"this processor lacks {needs}");
        }

        if (capped)
        {
            return Blocked(BackendStatus.Disabled, $"above {nameof(LlamaRuntimeOptions)}.{nameof(LlamaRuntimeOptions.MaxCpuLevel)}");
        }

        if (!File.Exists(library))
        {
            return Blocked(BackendStatus.PackageMissing, $"the {CpuPackage} package is not installed (no {Relative(library, nativeRoot, platform)})");
        }

        var what = level == CpuSimdLevel.None ? "the portable CPU build" : $"the {variant.ToUpperInvariant()} CPU build, supported by this processor";
        return new PlannedBackend(NativeBackend.Cpu, variant, directory, library, null, what, level);
    }

    internal static string VariantName(CpuSimdLevel level) => level switch
    {
        CpuSimdLevel.Avx512 => "avx512",
        CpuSimdLevel.Avx2 => "avx2",
        CpuSimdLevel.Avx => "avx",
        _ => "noavx",
    };

    private static string Relative(string path, string nativeRoot, RuntimePlatform platform) =>
        Path.Combine("runtimes", platform.RuntimeIdentifier, "native", Path.GetRelativePath(nativeRoot, path));
}
