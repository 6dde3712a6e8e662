using System.Diagnostics;
using System.Globalization;
using OmniBot.Engine.Loading;
using OmniBot.TestModels;

namespace OmniBot.Engine.Tests.Loading;

[CollectionDefinition(nameof(MemoryMeasurementCollection), DisableParallelization = true)]
public sealed class MemoryMeasurementCollection;

/// <summary>Measures process memory, so it runs alone: other tests allocating alongside would blur it.</summary>
[Collection(nameof(MemoryMeasurementCollection))]
public sealed class ModelMemoryReleaseTests
{
    private const int Rounds = 50;

    // Each load runs on a new thread and glibc gives new threads malloc arenas it keeps, so the
    // resident size climbs for the first rounds and then stays flat. Measure after that warm-up.
    private const int WarmUpRounds = 30;

    // A leak of one tiny model per round would be about 30 MB over the measured rounds.
    private const long ToleranceBytes = 8L * 1024 * 1024;

    [Fact]
    public async Task LoadAsync_LoadAndDispose50Times_MemoryReturnsToBaseline()
    {
        var path = TestModelFiles.GetPath(TestModelSpec.Tiny(TestArchitecture.Llama), TestQuantization.F32);

        // Without mmap the weights live in allocated memory, so a leaked model shows in the resident size.
        var options = new ModelLoadOptions { UseMmap = false };
        for (var i = 0; i < WarmUpRounds; i++)
        {
            (await LlamaModel.LoadAsync(path, options)).Dispose();
        }

        var baseline = ResidentBytes();
        long sizeOfOne = 0;
        for (var i = 0; i < Rounds; i++)
        {
            using var model = await LlamaModel.LoadAsync(path, options);
            sizeOfOne = model.SizeInBytes;
        }

        var after = ResidentBytes();
        Assert.True(sizeOfOne * Rounds > ToleranceBytes, "the test must be able to see a leak of one model per round");
        Assert.True(after - baseline < ToleranceBytes, $"resident memory grew by {(after - baseline) / 1024} KiB over {Rounds} load/dispose rounds");
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
