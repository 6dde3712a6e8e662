namespace OmniBot.Web.Hardware;

/// <summary>
/// Where a model would go if loaded now with the server's context (<see cref="ContextSize"/> tokens for all
/// <see cref="Slots"/> together): bytes in RAM and on GPUs against what is free, and the verdict.
/// </summary>
public sealed record ModelFit(
    string Model,
    FitVerdict Verdict,
    long RamBytes,
    long AvailableRamBytes,
    long GpuBytes,
    long FreeGpuBytes,
    int GpuLayers,
    int Layers,
    long WeightBytes,
    long KvCacheBytes,
    long ComputeBytes,
    int ContextSize,
    int Slots,
    string? Error = null)
{
    public static ModelFit Unreadable(string model, int contextSize, int slots, string error) =>
        new(model, FitVerdict.Unknown, 0, 0, 0, 0, 0, 0, 0, 0, 0, contextSize, slots, error);
}
