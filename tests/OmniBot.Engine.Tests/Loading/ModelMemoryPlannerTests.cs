using OmniBot.Engine.Hardware;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Runtime;
using OmniBot.Models.Gguf;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Loading;

public sealed class ModelMemoryPlannerTests
{
    private const long GiB = 1024L * 1024 * 1024;
    private static readonly MemoryInfo PlentyOfRam = new(64 * GiB, 60 * GiB, "test");

    private readonly MemoryEstimate _estimate = ModelMemoryEstimator.Estimate(
        GgufModelInfo.Read(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.F32)),
        contextSize: 4096);

    [Fact]
    public void Plan_AutoWithoutGpu_OffloadsNothing()
    {
        var plan = ModelMemoryPlanner.Plan("m.gguf", _estimate, new ModelLoadOptions(), PlentyOfRam, []);

        Assert.Equal(0, plan.GpuLayerCount);
        Assert.Equal(0, plan.GpuBytes);
        Assert.Equal(_estimate.TotalBytes, plan.RamBytes);
    }

    [Fact]
    public void Plan_AutoWithRoomyGpu_OffloadsEveryLayer()
    {
        var plan = ModelMemoryPlanner.Plan("m.gguf", _estimate, new ModelLoadOptions(), PlentyOfRam, [Gpu(8 * GiB)]);

        Assert.Equal(_estimate.LayerBytes.Count, plan.GpuLayerCount);
        Assert.True(plan.GpuBytes > 0);
        Assert.True(plan.RamBytes < _estimate.TotalBytes);
    }

    [Fact]
    public void Plan_AutoWithSmallGpu_OffloadsOnlyWhatFits()
    {
        var compute = _estimate.ComputeBufferBytes - _estimate.OutputBufferBytes;
        var oneLayer = compute + _estimate.LayerBytes[^1] + (_estimate.LayerBytes[^1] / 2);

        // The planner keeps a tenth of free memory in reserve.
        var plan = ModelMemoryPlanner.Plan("m.gguf", _estimate, new ModelLoadOptions(), PlentyOfRam, [Gpu(oneLayer * 10 / 9)]);

        Assert.Equal(1, plan.GpuLayerCount);
    }

    [Fact]
    public void Plan_FixedLayersBeyondFreeGpuMemory_ThrowsNamingGpuLayers()
    {
        var options = new ModelLoadOptions { GpuLayers = GpuLayers.All };

        var error = Assert.Throws<NotEnoughMemoryException>(() =>
            ModelMemoryPlanner.Plan("m.gguf", _estimate, options, PlentyOfRam, [Gpu(1024)]));

        Assert.Equal(MemoryKind.GpuMemory, error.Memory);
        Assert.Equal(nameof(ModelLoadOptions.GpuLayers), error.Setting);
        Assert.Contains("auto", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_FixedLayersWithoutGpu_RunsOnTheCpu()
    {
        var plan = ModelMemoryPlanner.Plan("m.gguf", _estimate, new ModelLoadOptions { GpuLayers = GpuLayers.FromCount(2) }, PlentyOfRam, []);

        Assert.Equal(0, plan.GpuLayerCount);
    }

    [Fact]
    public void Plan_WeightsLargerThanRam_ThrowsSayingTheWeightsDoNotFit()
    {
        var tinyRam = new MemoryInfo(GiB, _estimate.WeightBytes / 2, "test");

        var error = Assert.Throws<NotEnoughMemoryException>(() =>
            ModelMemoryPlanner.Plan("m.gguf", _estimate, new ModelLoadOptions(), tinyRam, []));

        Assert.Equal(MemoryKind.SystemRam, error.Memory);
        Assert.Contains("weights alone", error.Message, StringComparison.Ordinal);
    }

    private static BackendDevice Gpu(long free) => new("CUDA0", "Test GPU", BackendDeviceType.Gpu, free, free);
}
