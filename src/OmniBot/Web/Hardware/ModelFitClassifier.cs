using OmniBot.Engine.Hardware;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Runtime;
using OmniBot.Models.Gguf;

namespace OmniBot.Web.Hardware;

/// <summary>
/// Splits a model's memory estimate between GPUs and RAM the way the engine's loader plans it (auto offload keeps
/// a reserve on the GPU), then calls it fitting, tight or not fitting. "Does not fit" is exactly when loading is refused.
/// </summary>
public static class ModelFitClassifier
{
    /// <summary>Needing more than this share of free memory is tight.</summary>
    public const double TightShare = 0.8;

    private const long MaxGpuReserveBytes = 512L * 1024 * 1024;

    /// <param name="gpus">The GPU devices the loaded llama.cpp build can offload to; empty for a CPU-only build.</param>
    public static ModelFit Classify(string model, MemoryEstimate estimate, MemoryInfo memory, IReadOnlyList<BackendDevice> gpus, GpuLayers gpuLayers, int slots)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(gpus);
        var layers = estimate.LayerBytes.Count;
        var gpuFree = gpus.Sum(gpu => gpu.FreeMemoryBytes ?? 0);
        var gpuBudget = gpuFree - Math.Min(gpuFree / 10, MaxGpuReserveBytes);
        var wanted = gpus.Count == 0 ? 0 : gpuLayers.IsAuto ? estimate.LayersThatFit(gpuBudget) : gpuLayers.Count!.Value;
        var offloaded = Math.Min(wanted, layers);
        var offloadedBytes = estimate.LayerBytes.Skip(layers - offloaded).Sum();
        var gpuBytes = offloaded == 0 ? 0 : offloadedBytes + estimate.ComputeBufferBytes - estimate.OutputBufferBytes;
        var ramBytes = estimate.TotalBytes - offloadedBytes;

        var verdict = ramBytes > memory.AvailableBytes || gpuBytes > gpuFree ? FitVerdict.DoesNotFit
            : ramBytes > memory.AvailableBytes * TightShare || gpuBytes > gpuFree * TightShare ? FitVerdict.Tight
            : FitVerdict.Fits;

        return new ModelFit(
            model,
            verdict,
            ramBytes,
            memory.AvailableBytes,
            gpuBytes,
            gpuFree,
            offloaded,
            layers,
            estimate.WeightBytes,
            estimate.KvCacheBytes,
            estimate.ComputeBufferBytes,
            estimate.Options.ContextSize,
            slots);
    }
}
