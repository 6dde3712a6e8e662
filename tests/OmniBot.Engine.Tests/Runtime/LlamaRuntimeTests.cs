using OmniBot.Engine.Hardware;
using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Tests.Runtime;

public sealed class LlamaRuntimeTests
{
    [Fact]
    public void Initialize_OnlyCpuPackage_LoadsTheBestCpuBuildThisProcessorRuns()
    {
        var report = LlamaRuntime.Initialize(new LlamaRuntimeOptions());

        var expected = NativeBackendPlanner.VariantName(HardwareDetector.DetectSimdLevel());
        Assert.Equal(NativeBackend.Cpu, report.Backend);
        Assert.Equal(expected, report.Variant);
        Assert.True(File.Exists(report.LibraryPath), $"loaded library '{report.LibraryPath}' should exist");
        Assert.Contains(Path.Combine("native", expected), report.LibraryPath, StringComparison.Ordinal);
        Assert.False(report.GpuOffloadSupported);
        Assert.Contains(report.Devices, d => d.Type == BackendDeviceType.Cpu);
        Assert.NotEmpty(report.SystemInfo);
    }

    [Fact]
    public void Initialize_Report_ExplainsEveryBackend()
    {
        var report = LlamaRuntime.Initialize(new LlamaRuntimeOptions());

        var used = Assert.Single(report.Decisions, d => d.Used);
        Assert.Equal(report.Variant, used.Variant);
        Assert.Contains(report.Decisions, d => d.Backend == NativeBackend.Cuda && d.Status == BackendStatus.PackageMissing);
        Assert.Contains(report.Decisions, d => d.Backend == NativeBackend.Vulkan && d.Status == BackendStatus.PackageMissing);
        Assert.Contains(report.Decisions, d => d.Backend == NativeBackend.Metal && d.Status == BackendStatus.NotThisPlatform);
        Assert.Equal(["avx512", "avx2", "avx", "noavx"], report.Decisions.Where(d => d.Backend == NativeBackend.Cpu).Select(d => d.Variant));
        Assert.All(report.Decisions, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason)));
        Assert.Contains("no GPU build is usable", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Initialize_SameOptionsTwice_ReturnsTheSameReport()
    {
        var first = LlamaRuntime.Initialize(new LlamaRuntimeOptions());
        var second = LlamaRuntime.Initialize(new LlamaRuntimeOptions());

        Assert.Same(first, second);
        Assert.Same(first, LlamaRuntime.EnsureInitialized());
        Assert.Same(first, LlamaRuntime.Report);
    }

    [Fact]
    public void Initialize_DifferentOptionsAfterwards_ThrowsAClearError()
    {
        LlamaRuntime.EnsureInitialized();

        var error = Assert.Throws<NativeRuntimeException>(() => LlamaRuntime.Initialize(new LlamaRuntimeOptions { EnableCuda = false }));

        Assert.Contains("once per process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryDevices_AfterInitialization_ReportsCpuMemory()
    {
        LlamaRuntime.EnsureInitialized();

        var cpu = Assert.Single(LlamaRuntime.QueryDevices(), d => d.Type == BackendDeviceType.Cpu);

        Assert.True(cpu.TotalMemoryBytes > 0);
        Assert.InRange(cpu.FreeMemoryBytes ?? -1, 1, cpu.TotalMemoryBytes ?? 0);
    }

    [Fact]
    public void SystemGpuDriverProbe_OnAMachineWithoutGpuDrivers_AnswersWithoutThrowing()
    {
        foreach (var backend in new[] { NativeBackend.Cuda, NativeBackend.Vulkan })
        {
            var state = SystemGpuDriverProbe.Instance.Probe(backend, countDevices: true);

            Assert.False(string.IsNullOrEmpty(state.DriverLibrary));
            Assert.True(state.DriverLoaded || state.DeviceCount is null, "a driver that cannot be loaded has no device count");
        }
    }
}
