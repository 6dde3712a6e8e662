using OmniBot.Engine.Hardware;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Runtime;
using OmniBot.Models.Gguf;
using OmniBot.TestModels;
using OmniBot.Web.Hardware;

namespace OmniBot.Tests.Web.Hardware;

public sealed class ModelFitClassifierTests
{
    private const long GiB = 1024L * 1024 * 1024;

    private static readonly MemoryEstimate Estimate = ModelMemoryEstimator.Estimate(
        GgufModelInfo.Read(TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.Q8_0)), 1024);

    private static MemoryInfo Ram(long available) => new(64 * GiB, available, "test");

    private static ModelFit Classify(long availableRam, IReadOnlyList<BackendDevice>? gpus = null, GpuLayers? layers = null) =>
        ModelFitClassifier.Classify("tiny:v1", Estimate, Ram(availableRam), gpus ?? [], layers ?? GpuLayers.Auto, slots: 2);

    [Fact]
    public void Classify_PlentyOfRam_FitsWithTheWholeEstimateInRam()
    {
        var fit = Classify(availableRam: 32 * GiB);

        Assert.Equal(FitVerdict.Fits, fit.Verdict);
        Assert.Equal(Estimate.TotalBytes, fit.RamBytes);
        Assert.Equal(0, fit.GpuLayers);
        Assert.Equal(1024, fit.ContextSize);
        Assert.Equal(Estimate.KvCacheBytes, fit.KvCacheBytes);
    }

    [Fact]
    public void Classify_RamJustAboveTheNeed_IsTight()
    {
        var fit = Classify(availableRam: Estimate.TotalBytes + (Estimate.TotalBytes / 10));

        Assert.Equal(FitVerdict.Tight, fit.Verdict);
    }

    [Fact]
    public void Classify_LessRamThanNeeded_DoesNotFit()
    {
        var fit = Classify(availableRam: Estimate.TotalBytes - 1);

        Assert.Equal(FitVerdict.DoesNotFit, fit.Verdict);
        Assert.Equal(Estimate.TotalBytes - 1, fit.AvailableRamBytes);
    }

    [Fact]
    public void Classify_GpuWithRoomForEverything_OffloadsEveryLayerAndNeedsLessRam()
    {
        var gpu = new BackendDevice("CUDA0", "Test GPU", BackendDeviceType.Gpu, 8 * GiB, 8 * GiB);

        var fit = Classify(availableRam: Estimate.TotalBytes - 1, [gpu]);

        Assert.Equal(fit.Layers, fit.GpuLayers);
        Assert.True(fit.GpuBytes > 0);
        Assert.Equal(Estimate.TotalBytes - Estimate.LayerBytes.Sum(), fit.RamBytes);
        Assert.NotEqual(FitVerdict.DoesNotFit, fit.Verdict);
    }

    [Fact]
    public void Classify_MoreGpuLayersAskedThanFit_DoesNotFit()
    {
        var gpu = new BackendDevice("CUDA0", "Test GPU", BackendDeviceType.Gpu, 1024, 8 * GiB);

        var fit = Classify(availableRam: 32 * GiB, [gpu], GpuLayers.All);

        Assert.Equal(FitVerdict.DoesNotFit, fit.Verdict);
        Assert.True(fit.GpuBytes > fit.FreeGpuBytes);
    }
}
