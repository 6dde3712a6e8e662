using OmniBot.Models.Gguf;
using OmniBot.TestModels;
using Xunit.Abstractions;

namespace OmniBot.Models.Tests.Gguf;

/// <summary>
/// Fuzzes the reader with thousands of corrupted variants of the synthetic test models, of in-memory
/// models and of the real MiniLM model's structure (ISSUE-2 point 5). Every variant must be read
/// correctly or rejected with <see cref="GgufFormatException"/>: never another exception, a hang,
/// or a runaway allocation.
/// </summary>
public sealed class GgufFuzzTests(ITestOutputHelper output)
{
    [Fact(Timeout = 120_000)]
    public async Task Read_CorruptedTestModels_AreReadOrRejectedWithFormatErrorOnly()
    {
        var targets = new List<GgufFuzzTarget>
        {
            GgufFuzzTarget.FromBytes("in-memory tiny llama F32", SyntheticGguf.TinyLlama().Build()),
            GgufFuzzTarget.FromBytes("in-memory tiny llama Q8_0", SyntheticGguf.TinyLlama(GgmlType.Q8_0).Build()),
        };
        foreach (var architecture in Enum.GetValues<TestArchitecture>())
        {
            foreach (var quantization in Enum.GetValues<TestQuantization>())
            {
                var path = TestModelFiles.GetPath(TestModelSpec.Tiny(architecture), quantization);
                targets.Add(GgufFuzzTarget.FromBytes($"tiny {architecture} {quantization}", await File.ReadAllBytesAsync(path)));
            }
        }

        var (variants, accepted, regions) = await Task.Run(() => Fuzz(targets, truncations: 40, flips: 120, absurdValues: 120));

        Assert.True(variants >= 2_000, $"only {variants} variants");
        Assert.InRange(accepted, 1, variants / 2);
        Assert.Superset(new HashSet<string> { "header", "metadata", "tensor info", "tensor data" }, regions);
    }

    [Fact(Timeout = 120_000)]
    public async Task Read_CorruptedMiniLmStructure_IsReadOrRejectedWithFormatErrorOnly()
    {
        var structure = GgufReader.Read(GgufReaderRealModelTests.MiniLmPath);
        var target = GgufFuzzTarget.FromStructure("MiniLM structure", GgufReaderRealModelTests.MiniLmPath, (int)structure.DataOffset);

        var (variants, accepted, regions) = await Task.Run(() => Fuzz([target], truncations: 60, flips: 150, absurdValues: 150));

        Assert.True(variants >= 400, $"only {variants} variants");
        Assert.InRange(accepted, 1, variants / 2);
        Assert.Superset(new HashSet<string> { "header", "metadata", "tensor info", "tensor data" }, regions);
    }

    private (int Variants, int Accepted, HashSet<string> Regions) Fuzz(List<GgufFuzzTarget> targets, int truncations, int flips, int absurdValues)
    {
        var (variants, accepted, regions) = (0, 0, new HashSet<string>());
        for (var i = 0; i < targets.Count; i++)
        {
            var fuzzer = new GgufFuzzer(targets[i], seed: 1000 + i);
            fuzzer.Truncate(truncations);
            fuzzer.FlipBits(flips);
            fuzzer.WriteAbsurdValues(absurdValues);
            fuzzer.WriteAbsurdCounts();
            output.WriteLine($"{targets[i].Name}: {fuzzer.Variants} variants, {fuzzer.Accepted} accepted, rejected in {string.Join(", ", fuzzer.RejectedRegions)}");
            variants += fuzzer.Variants;
            accepted += fuzzer.Accepted;
            regions.UnionWith(fuzzer.RejectedRegions);
        }

        return (variants, accepted, regions);
    }
}
