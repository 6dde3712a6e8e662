using OmniBot.Engine.Hardware;

namespace OmniBot.Engine.Runtime;

/// <summary>One native build as planned before loading: a candidate to try, or blocked with a reason.</summary>
/// <param name="Directory">The folder holding its libraries.</param>
/// <param name="Blocked">Why it will not be tried; null for a candidate.</param>
/// <param name="CpuLevel">The CPU level its ggml-cpu library is built for.</param>
internal sealed record PlannedBackend(
    NativeBackend Backend,
    string Variant,
    string Directory,
    string LibraryPath,
    BackendStatus? Blocked,
    string Reason,
    CpuSimdLevel CpuLevel)
{
    public bool IsCandidate => Blocked is null;
}
