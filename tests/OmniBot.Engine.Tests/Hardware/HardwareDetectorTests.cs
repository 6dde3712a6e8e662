using OmniBot.Engine.Hardware;

namespace OmniBot.Engine.Tests.Hardware;

public sealed class HardwareDetectorTests
{
    [Fact]
    public void Detect_ThisMachine_DescribesCpuAndMemory()
    {
        var info = HardwareDetector.Detect();

        Assert.False(string.IsNullOrWhiteSpace(info.Cpu.Model));
        Assert.Equal(Environment.ProcessorCount, info.Cpu.LogicalCores);
        Assert.InRange(info.Memory.AvailableBytes, 1, info.Memory.TotalBytes);
        Assert.False(string.IsNullOrWhiteSpace(info.OperatingSystem));
    }

    [Fact]
    public void Detect_SimdLevel_AgreesWithTheFeatureList()
    {
        var cpu = HardwareDetector.Detect().Cpu;

        var expected = cpu.SimdFeatures.Contains("AVX512VNNI") && cpu.SimdFeatures.Contains("AVX512VBMI") && cpu.SimdFeatures.Contains("AVX512BW") ? CpuSimdLevel.Avx512
            : cpu.SimdFeatures.Contains("AVX2") && cpu.SimdFeatures.Contains("FMA") ? CpuSimdLevel.Avx2
            : cpu.SimdFeatures.Contains("AVX") ? CpuSimdLevel.Avx
            : CpuSimdLevel.None;
        Assert.Equal(expected, cpu.SimdLevel);
        Assert.Equal(cpu.Architecture == "X64", cpu.SimdFeatures.Contains("SSE2"));
    }

    [Fact]
    public void ParseModelName_X86Cpuinfo_ReturnsModelName()
    {
        const string cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz\nflags\t\t: fpu sse avx2\n";

        Assert.Equal("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", CpuDetector.ParseModelName(cpuinfo));
    }

    [Fact]
    public void ParsePhysicalCoreCount_TwoSocketsWithHyperThreads_CountsDistinctCores()
    {
        static string Cpu(int package, int core) => $"processor\t: x\nphysical id\t: {package}\ncore id\t\t: {core}\n\n";
        var cpuinfo = Cpu(0, 0) + Cpu(0, 1) + Cpu(0, 0) + Cpu(0, 1) + Cpu(1, 0) + Cpu(1, 1);

        Assert.Equal(4, CpuDetector.ParsePhysicalCoreCount(cpuinfo));
    }

    [Fact]
    public void ParseMeminfo_KernelText_ReturnsBytes()
    {
        const string meminfo = "MemTotal:       24567896 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\nBuffers:  1 kB\n";

        var memory = MemoryDetector.ParseMeminfo(meminfo);

        Assert.Equal(24567896L * 1024, memory?.TotalBytes);
        Assert.Equal(20000000L * 1024, memory?.AvailableBytes);
    }

    [Fact]
    public void ParseNvidiaSmi_TwoGpus_ReturnsNamesAndMemory()
    {
        const string csv = "NVIDIA H100 80GB HBM3, 81559, 81000, 550.54.15\nNVIDIA GeForce RTX 4090, 24564, 1024, 550.54.15\n";

        var gpus = GpuDetector.ParseNvidiaSmi(csv);

        Assert.Equal(2, gpus.Count);
        Assert.Equal("NVIDIA GeForce RTX 4090", gpus[1].Name);
        Assert.Equal(24564L * 1024 * 1024, gpus[1].TotalMemoryBytes);
        Assert.Equal(1024L * 1024 * 1024, gpus[1].FreeMemoryBytes);
        Assert.Equal("550.54.15", gpus[0].DriverVersion);
    }

    [Fact]
    public void ParseNvidiaInformation_ProcFile_ReturnsModel()
    {
        const string information = "Model: \t\t NVIDIA GeForce RTX 3060\nIRQ:   \t\t 130\nGPU UUID: \t GPU-123\n";

        Assert.Equal("NVIDIA GeForce RTX 3060", GpuDetector.ParseNvidiaInformation(information));
    }
}
