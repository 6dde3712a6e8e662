using System.Runtime.InteropServices;
using OmniBot.Engine.Hardware;
using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Tests.Runtime;

public sealed class NativeBackendPlannerTests : IDisposable
{
    private static readonly RuntimePlatform LinuxX64 = new(PlatformOs.Linux, Architecture.X64, "linux-x64", "lib", ".so");
    private static readonly RuntimePlatform MacArm64 = new(PlatformOs.MacOS, Architecture.Arm64, "osx-arm64", "lib", ".dylib");

    private readonly string _root = Directory.CreateTempSubdirectory("omnibot-planner-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Plan_OnlyCpuPackage_OrdersGpuThenCpuAndExplainsEachBuild()
    {
        InstallCpuPackage("avx512", "avx2", "avx", "noavx");

        var plan = Plan(new LlamaRuntimeOptions(), CpuSimdLevel.Avx2, FixedGpuDriverProbe.NoDrivers());

        Assert.Equal(["cuda12", "vulkan", "metal", "avx512", "avx2", "avx", "noavx"], plan.Select(p => p.Variant));
        Assert.Equal(BackendStatus.PackageMissing, plan[0].Blocked);
        Assert.Contains("LLamaSharp.Backend.Cuda12", plan[0].Reason, StringComparison.Ordinal);
        Assert.Equal(BackendStatus.PackageMissing, plan[1].Blocked);
        Assert.Contains("LLamaSharp.Backend.Vulkan", plan[1].Reason, StringComparison.Ordinal);
        Assert.Equal(BackendStatus.NotThisPlatform, plan[2].Blocked);
        Assert.Equal(BackendStatus.UnsupportedCpu, plan[3].Blocked);
        Assert.Equal(["avx2", "avx", "noavx"], plan.Where(p => p.IsCandidate).Select(p => p.Variant));
    }

    [Fact]
    public void Plan_CudaPackageWithoutDriver_ReportsNoDriver()
    {
        InstallCpuPackage("avx2");
        InstallLibrary("cuda12");

        var plan = Plan(new LlamaRuntimeOptions(), CpuSimdLevel.Avx2, FixedGpuDriverProbe.NoDrivers());

        var cuda = plan.Single(p => p.Backend == NativeBackend.Cuda);
        Assert.Equal(BackendStatus.NoDriver, cuda.Blocked);
        Assert.Contains("libcuda.so.1", cuda.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CudaDriverWithoutDevices_ReportsNoDevice()
    {
        InstallCpuPackage("avx2");
        InstallLibrary("cuda12");
        var probe = new FixedGpuDriverProbe(new GpuDriverState("libcuda.so.1", true, 0, null), FixedGpuDriverProbe.MissingVulkan);

        var plan = Plan(new LlamaRuntimeOptions(), CpuSimdLevel.Avx2, probe);

        Assert.Equal(BackendStatus.NoDevice, plan.Single(p => p.Backend == NativeBackend.Cuda).Blocked);
        Assert.Contains((NativeBackend.Cuda, true), probe.Calls);
    }

    [Fact]
    public void Plan_CudaAndVulkanUsable_TriesCudaFirstWithTheBestCpuLevelForItsCpuLibrary()
    {
        InstallCpuPackage("avx2", "noavx");
        InstallLibrary("cuda12");
        InstallLibrary("vulkan");
        var probe = new FixedGpuDriverProbe(new GpuDriverState("libcuda.so.1", true, 2, null), new GpuDriverState("libvulkan.so.1", true, 1, null));

        var candidates = Plan(new LlamaRuntimeOptions(), CpuSimdLevel.Avx2, probe).Where(p => p.IsCandidate).ToList();

        Assert.Equal(["cuda12", "vulkan", "avx2", "noavx"], candidates.Select(p => p.Variant));
        Assert.Equal(CpuSimdLevel.Avx2, candidates[0].CpuLevel);
        Assert.Contains("2 device(s)", candidates[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_PackageMissingButDriverPresent_SuggestsAddingThePackage()
    {
        InstallCpuPackage("avx2");
        var probe = new FixedGpuDriverProbe(new GpuDriverState("libcuda.so.1", true, 1, null), FixedGpuDriverProbe.MissingVulkan);

        var cuda = Plan(new LlamaRuntimeOptions(), CpuSimdLevel.Avx2, probe).Single(p => p.Backend == NativeBackend.Cuda);

        Assert.Equal(BackendStatus.PackageMissing, cuda.Blocked);
        Assert.Contains("would use the GPU", cuda.Reason, StringComparison.Ordinal);
        Assert.Contains((NativeBackend.Cuda, false), probe.Calls);
    }

    [Fact]
    public void Plan_GpuDisabledAndCpuCapped_MarksThemDisabled()
    {
        InstallCpuPackage("avx512", "avx2", "avx", "noavx");
        InstallLibrary("cuda12");
        var options = new LlamaRuntimeOptions { EnableCuda = false, EnableVulkan = false, MaxCpuLevel = CpuSimdLevel.Avx };

        var plan = Plan(options, CpuSimdLevel.Avx512, FixedGpuDriverProbe.NoDrivers());

        Assert.Equal(BackendStatus.Disabled, plan.Single(p => p.Variant == "cuda12").Blocked);
        Assert.Equal(BackendStatus.Disabled, plan.Single(p => p.Variant == "vulkan").Blocked);
        Assert.Equal(BackendStatus.Disabled, plan.Single(p => p.Variant == "avx2").Blocked);
        Assert.Equal(["avx", "noavx"], plan.Where(p => p.IsCandidate).Select(p => p.Variant));
    }

    [Fact]
    public void Plan_UserLibrary_IsTheOnlyCandidateAndEveryOtherBuildIsOverridden()
    {
        InstallCpuPackage("avx2");
        var library = Path.Combine(_root, "custom", "libllama.so");
        Directory.CreateDirectory(Path.GetDirectoryName(library)!);
        File.WriteAllBytes(library, [0]);

        var plan = Plan(new LlamaRuntimeOptions { NativeLibraryPath = library }, CpuSimdLevel.Avx2, FixedGpuDriverProbe.NoDrivers());

        var candidate = Assert.Single(plan, p => p.IsCandidate);
        Assert.Equal(NativeBackend.Custom, candidate.Backend);
        Assert.Equal(library, candidate.LibraryPath);
        Assert.All(plan.Where(p => !p.IsCandidate), p => Assert.Equal(BackendStatus.Overridden, p.Blocked));
    }

    [Fact]
    public void Plan_UserLibraryMissing_ThrowsNamingTheSetting()
    {
        var missing = Path.Combine(_root, "nowhere", "libllama.so");

        var error = Assert.Throws<NativeRuntimeException>(() =>
            Plan(new LlamaRuntimeOptions { NativeLibraryPath = missing }, CpuSimdLevel.Avx2, FixedGpuDriverProbe.NoDrivers()));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(LlamaRuntimeOptions.NativeLibraryPath), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AppleSilicon_UsesMetalAndNeverProbesCudaOrVulkan()
    {
        var native = Path.Combine(_root, "runtimes", "osx-arm64", "native");
        Directory.CreateDirectory(native);
        File.WriteAllBytes(Path.Combine(native, "libllama.dylib"), [0]);
        File.WriteAllBytes(Path.Combine(native, "libggml-metal.dylib"), [0]);
        var probe = FixedGpuDriverProbe.NoDrivers();

        var plan = NativeBackendPlanner.Plan(new LlamaRuntimeOptions { RuntimesDirectory = _root }, MacArm64, CpuSimdLevel.None, probe);

        Assert.Equal(BackendStatus.NotThisPlatform, plan.Single(p => p.Backend == NativeBackend.Cuda).Blocked);
        Assert.Equal(BackendStatus.NotThisPlatform, plan.Single(p => p.Backend == NativeBackend.Vulkan).Blocked);
        Assert.Equal(["metal", "neon"], plan.Where(p => p.IsCandidate).Select(p => p.Variant));
        Assert.Empty(probe.Calls);
    }

    private List<PlannedBackend> Plan(LlamaRuntimeOptions options, CpuSimdLevel cpuLevel, IGpuDriverProbe probe) =>
        [.. NativeBackendPlanner.Plan(options with { RuntimesDirectory = _root }, LinuxX64, cpuLevel, probe)];

    private void InstallCpuPackage(params string[] variants)
    {
        foreach (var variant in variants)
        {
            InstallLibrary(variant);
        }
    }

    private void InstallLibrary(string variant)
    {
        var directory = Path.Combine(_root, "runtimes", "linux-x64", "native", variant);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "libllama.so"), [0]);
    }
}
