using System.Text.Json;
using OmniBot.Engine.Hardware;

namespace OmniBot.Tests.Cli;

public sealed class HardwareCommandTests
{
    [Fact]
    public async Task Hw_Json_IsOneObjectNamingTheChosenBackendAndEveryDecision()
    {
        var run = await CliRun.InvokeAsync("hw", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("cpu", root.GetProperty("backend").GetString());
        Assert.Equal(ExpectedCpuVariant(), root.GetProperty("variant").GetString());
        Assert.True(File.Exists(root.GetProperty("libraryPath").GetString()));
        var backends = root.GetProperty("backends").EnumerateArray().ToList();
        Assert.Single(backends, b => b.GetProperty("used").GetBoolean());
        Assert.Contains(backends, b => b.GetProperty("backend").GetString() == "cuda" && b.GetProperty("status").GetString() == "packageMissing");
        Assert.All(backends, b => Assert.False(string.IsNullOrEmpty(b.GetProperty("reason").GetString())));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("cpu").GetProperty("model").GetString()));
        Assert.True(root.GetProperty("memory").GetProperty("totalBytes").GetInt64() > 0);
        Assert.Contains(root.GetProperty("devices").EnumerateArray(), d => d.GetProperty("type").GetString() == "cpu");
    }

    [Fact]
    public async Task Hw_Table_ShowsBackendCpuRamAndEachBuildDecision()
    {
        var run = await CliRun.InvokeAsync("hw");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"CPU ({ExpectedCpuVariant()})", run.Output, StringComparison.Ordinal);
        Assert.Contains("RAM", run.Output, StringComparison.Ordinal);
        Assert.Contains("LLamaSharp.Backend.Cuda12", run.Output, StringComparison.Ordinal);
        Assert.Contains("LLamaSharp.Backend.Vulkan", run.Output, StringComparison.Ordinal);
        Assert.Contains("Metal", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Output, StringComparison.Ordinal);
    }

    private static string ExpectedCpuVariant() => HardwareDetector.DetectSimdLevel() switch
    {
        CpuSimdLevel.Avx512 => "avx512",
        CpuSimdLevel.Avx2 => "avx2",
        CpuSimdLevel.Avx => "avx",
        _ => "noavx",
    };
}
