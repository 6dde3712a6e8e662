namespace OmniBot.Engine.Runtime;

/// <summary>What the runtime decided about one native build, and why.</summary>
/// <param name="Backend">The build family.</param>
/// <param name="Variant">The concrete build: "cuda12", "vulkan", "metal", "avx512", "avx2", "avx", "noavx", "neon", "custom".</param>
/// <param name="Status">Whether it was used, or why not.</param>
/// <param name="Reason">One sentence for people, naming what to install or change where that helps.</param>
/// <param name="LibraryPath">Where its llama library is (or would be).</param>
public sealed record BackendDecision(
    NativeBackend Backend,
    string Variant,
    BackendStatus Status,
    string Reason,
    string? LibraryPath)
{
    public bool Used => Status == BackendStatus.Used;
}
