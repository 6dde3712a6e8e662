using OmniBot.Engine.Hardware;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Runtime;
using OmniBot.Models.Gguf;

namespace OmniBot.Web.Hardware;

/// <summary>
/// Splits a model's memory estimate between GPUs and RAM with the engine loader's own <see cref="ModelMemoryPlanner.Split"/>,
/// then calls it fitting, tight or not fitting. "Does not fit" is exactly when loading is refused.
/// </summary>
public static class ModelFitClassifier
{
    /// <summary>Needing more than this share of free memory is tight.</summary>
    public const double TightShare = 0.8;

    /// <param name="gpus">The GPU devices the loaded llama.cpp build can offload to; empty for a CPU-only build.</param>
    public static ModelFit Classify(string model, MemoryEstimate estimate, MemoryInfo memory, IReadOnlyList<BackendDevice> gpus, GpuLayers gpuLayers, int slots)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(gpus);
        var layers = estimate.LayerBytes.Count;
        var gpuFree = gpus.Sum(gpu => gpu.FreeMemoryBytes ?? 0);
        var split = ModelMemoryPlanner.Split(estimate, gpuLayers, gpus);
        var (offloaded, ramBytes, gpuBytes) = (Math.Min(split.GpuLayerCount, layers), split.RamBytes, split.GpuBytes);

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
