using Bunit;
using OmniBot.Web.Components.Hardware;
using OmniBot.Web.Hardware;

namespace OmniBot.Tests.Web.Hardware;

public sealed class ModelFitTableTests : BunitContext
{
    private const long MiB = 1024 * 1024;

    private static ModelFit Fit(string model, FitVerdict verdict, long ram, long available, int gpuLayers = 0) =>
        new(model, verdict, ram, available, gpuLayers == 0 ? 0 : 100 * MiB, gpuLayers == 0 ? 0 : 1024 * MiB, gpuLayers, 24, 300 * MiB, 64 * MiB, 20 * MiB, 8192, 4);

    [Fact]
    public void Render_OneModelPerVerdict_ShowsEachVerdictWithItsNumbers()
    {
        ModelFit[] fits =
        [
            Fit("small:q4", FitVerdict.Fits, 384 * MiB, 8192 * MiB),
            Fit("medium:q8", FitVerdict.Tight, 7000 * MiB, 8192 * MiB),
            Fit("large:f16", FitVerdict.DoesNotFit, 16384 * MiB, 8192 * MiB, gpuLayers: 12),
            ModelFit.Unreadable("broken:v1", 8192, 4, "The file is not a GGUF model."),
        ];

        var table = Render<ModelFitTable>(parameters => parameters.Add(p => p.Fits, fits).Add(p => p.ContextPerSlot, 2048).Add(p => p.Slots, 4));

        Assert.Equal("Fits", table.Find("tr[data-model='small:q4'] .badge").TextContent);
        Assert.Equal("Tight", table.Find("tr[data-model='medium:q8'] .badge").TextContent);
        Assert.Equal("Does not fit", table.Find("tr[data-model='large:f16'] .badge").TextContent);
        Assert.Equal("Unknown", table.Find("tr[data-model='broken:v1'] .badge").TextContent);
        Assert.Equal("needs 384.0 MiB of 8.0 GiB available", table.Find("tr[data-model='small:q4'] .fit-ram").TextContent);
        Assert.Equal("CPU only", table.Find("tr[data-model='small:q4'] .fit-gpu").TextContent.Trim());
        Assert.Equal("12 of 24 layers: 100.0 MiB of 1.0 GiB free", table.Find("tr[data-model='large:f16'] .fit-gpu").TextContent.Trim());
        Assert.Contains("The file is not a GGUF model.", table.Find("tr[data-model='broken:v1']").TextContent, StringComparison.Ordinal);
        Assert.Contains("2,048 tokens of context × 4 slots", table.Find(".fit-context").TextContent, StringComparison.Ordinal);
    }
}
