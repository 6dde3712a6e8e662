using Microsoft.Extensions.DependencyInjection;
using OmniBot.Engine.Hardware;
using OmniBot.Models.Store;
using OmniBot.Server.Management;
using OmniBot.Tests.Web.Library;
using OmniBot.Web.Hardware;

namespace OmniBot.Tests.Web.Hardware;

public sealed class ModelFitEstimatorTests
{
    private static HardwareReport Machine(long availableRam) => HardwareReport.Create(
        null,
        "no native library in this test",
        new HardwareInfo("Test OS", new CpuInfo("Test CPU", "X64", 2, 2, ["AVX2"], CpuSimdLevel.Avx2), new MemoryInfo(availableRam * 2, availableRam, "test"), [], []));

    [Fact]
    public async Task EstimateInstalled_ModelsInTheStore_UseTheServersContextTimesSlots()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("tiny:v1");
        var estimator = context.Services.GetRequiredService<ModelFitEstimator>();

        var fit = Assert.Single(estimator.EstimateInstalled(Machine(availableRam: 64L << 30)));

        Assert.Equal("tiny:v1", fit.Model);
        Assert.Equal(FitVerdict.Fits, fit.Verdict);
        Assert.Equal(512 * 2, fit.ContextSize);
        Assert.Equal(2, fit.Slots);
        Assert.True(fit.KvCacheBytes > 0);
    }

    [Fact]
    public async Task EstimateInstalled_TooLittleRam_DoesNotFit()
    {
        using var context = new LibraryComponentContext();
        await context.ImportAsync("tiny:v1");
        var estimator = context.Services.GetRequiredService<ModelFitEstimator>();

        var fit = Assert.Single(estimator.EstimateInstalled(Machine(availableRam: 1024)));

        Assert.Equal(FitVerdict.DoesNotFit, fit.Verdict);
        Assert.True(fit.RamBytes > 1024);
    }

    [Fact]
    public async Task EstimateInstalled_DamagedModelFile_IsUnknownWithTheReason()
    {
        using var context = new LibraryComponentContext();
        var manifest = await context.ImportAsync("tiny:v1");
        // The blob is a hard link to the shared test model: replace the link, never write through it.
        var blob = context.Store.GetBlobPath(manifest.Digest);
        File.Delete(blob);
        await File.WriteAllTextAsync(blob, "not a gguf file");
        var estimator = context.Services.GetRequiredService<ModelFitEstimator>();

        var fit = Assert.Single(estimator.EstimateInstalled(Machine(availableRam: 64L << 30)));

        Assert.Equal(FitVerdict.Unknown, fit.Verdict);
        Assert.False(string.IsNullOrWhiteSpace(fit.Error));
        Assert.NotNull(context.Store.Find(ModelRef.Parse("tiny:v1")));
    }
}
