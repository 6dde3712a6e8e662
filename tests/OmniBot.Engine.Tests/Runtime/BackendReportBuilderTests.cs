using OmniBot.Engine.Hardware;
using OmniBot.Engine.Runtime;

namespace OmniBot.Engine.Tests.Runtime;

public sealed class BackendReportBuilderTests
{
    [Fact]
    public void LoaderReason_DotNetMessage_ReturnsTheDynamicLoadersLine()
    {
        const string message = "Unable to load shared library '/x/libllama.so' or one of its dependencies. In order to help diagnose loading problems, consider using a tool like strace.\n/x/libllama.so: invalid ELF header\n";

        Assert.Equal("/x/libllama.so: invalid ELF header", BackendReportBuilder.LoaderReason(message));
    }

    [Fact]
    public void Decide_SecondCandidateLoaded_MarksEarlierFailedAndLaterNotNeeded()
    {
        var plan = new List<PlannedBackend>
        {
            Planned("cuda12", null, NativeBackend.Cuda),
            Planned("vulkan", BackendStatus.PackageMissing, NativeBackend.Vulkan),
            Planned("avx2", null, NativeBackend.Cpu),
            Planned("noavx", null, NativeBackend.Cpu),
        };

        var decisions = BackendReportBuilder.Decide(plan, plan[2]);

        Assert.Equal(
            [BackendStatus.LoadFailed, BackendStatus.PackageMissing, BackendStatus.Used, BackendStatus.NotNeeded],
            decisions.Select(d => d.Status));
        Assert.Contains("avx2", decisions[3].Reason, StringComparison.Ordinal);
    }

    private static PlannedBackend Planned(string variant, BackendStatus? blocked, NativeBackend backend) =>
        new(backend, variant, "/nowhere", $"/nowhere/{variant}/libllama.so", blocked, "planned for the test", CpuSimdLevel.Avx2);
}
