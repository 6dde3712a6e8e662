using OmniBot.Engine.Hardware;
using OmniBot.Engine.Runtime;
using OmniBot.Models.Gguf;

namespace OmniBot.Engine.Loading;

/// <summary>
/// Resolves <see cref="GpuLayers.Auto"/> and refuses, before anything native happens, a load the
/// memory estimate says cannot fit, naming the setting that would make it fit.
/// </summary>
public static class ModelMemoryPlanner
{
    private const long MaxGpuReserveBytes = 512L * 1024 * 1024;

    /// <summary>
    /// How a load would split the model between the GPUs and RAM: the layers offloaded (auto keeps a reserve on the
    /// GPU) and the bytes on each side. Nothing is checked against what is free; <see cref="Plan"/> does that.
    /// </summary>
    public static ModelMemoryPlan Split(MemoryEstimate estimate, GpuLayers gpuLayers, IReadOnlyList<BackendDevice> gpus)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(gpus);
        var blocks = estimate.LayerBytes.Count;
        var gpuFree = gpus.Sum(g => g.FreeMemoryBytes ?? 0);

        var layers = gpus.Count == 0 ? 0
            : gpuLayers.IsAuto ? estimate.LayersThatFit(GpuBudget(gpuFree))
            : gpuLayers.Count!.Value;

        var offloadedBlocks = Math.Min(layers, blocks);
        var offloadedBytes = estimate.LayerBytes.Skip(blocks - offloadedBlocks).Sum();
        var gpuBytes = offloadedBlocks == 0 ? 0 : offloadedBytes + estimate.ComputeBufferBytes - estimate.OutputBufferBytes;
        return new ModelMemoryPlan(layers, estimate.TotalBytes - offloadedBytes, gpuBytes);
    }

    internal static ModelMemoryPlan Plan(
        string modelPath,
        MemoryEstimate estimate,
        ModelLoadOptions options,
        MemoryInfo memory,
        IReadOnlyList<BackendDevice> gpus)
    {
        var split = Split(estimate, options.GpuLayers, gpus);
        var (layers, ramBytes, gpuBytes) = (split.GpuLayerCount, split.RamBytes, split.GpuBytes);
        var offloadedBlocks = Math.Min(layers, estimate.LayerBytes.Count);
        var gpuFree = gpus.Sum(g => g.FreeMemoryBytes ?? 0);

        if (gpuBytes > 0 && gpuBytes > gpuFree)
        {
            throw new NotEnoughMemoryException(
                modelPath,
                MemoryKind.GpuMemory,
                gpuBytes,
                gpuFree,
                nameof(ModelLoadOptions.GpuLayers),
                $"Offloading {offloadedBlocks} layers of '{modelPath}' needs about {ByteSize.Format(gpuBytes)} of GPU memory, but only {ByteSize.Format(gpuFree)} is free. " +
                $"Lower {nameof(ModelLoadOptions.GpuLayers)} (now {options.GpuLayers}) or use \"auto\" (at most {estimate.LayersThatFit(GpuBudget(gpuFree))} layers fit).");
        }

        if (ramBytes > memory.AvailableBytes)
        {
            throw RamShortage(modelPath, estimate, options, memory, ramBytes, gpus.Count > 0);
        }

        return split;
    }

    /// <summary>Drivers and other programs keep allocating after we look, and the estimate is approximate.</summary>
    private static long GpuBudget(long gpuFree) => gpuFree - Math.Min(gpuFree / 10, MaxGpuReserveBytes);

    private static NotEnoughMemoryException RamShortage(
        string modelPath,
        MemoryEstimate estimate,
        ModelLoadOptions options,
        MemoryInfo memory,
        long ramBytes,
        bool hasGpu)
    {
        var breakdown = $"{ByteSize.Format(estimate.WeightBytes)} weights, {ByteSize.Format(estimate.KvCacheBytes)} KV cache for {options.ContextSize} tokens, " +
            $"{ByteSize.Format(estimate.ComputeBufferBytes)} compute buffers";
        var head = $"Loading '{modelPath}' needs about {ByteSize.Format(ramBytes)} of RAM ({breakdown}), but only {ByteSize.Format(memory.AvailableBytes)} is available.";

        if (ramBytes - estimate.KvCacheBytes <= memory.AvailableBytes)
        {
            return new NotEnoughMemoryException(
                modelPath, MemoryKind.SystemRam, ramBytes, memory.AvailableBytes, nameof(ModelLoadOptions.ContextSize),
                $"{head} Lower {nameof(ModelLoadOptions.ContextSize)} (now {options.ContextSize}); the KV cache grows with it.");
        }

        if (hasGpu)
        {
            return new NotEnoughMemoryException(
                modelPath, MemoryKind.SystemRam, ramBytes, memory.AvailableBytes, nameof(ModelLoadOptions.GpuLayers),
                $"{head} Offload more layers with {nameof(ModelLoadOptions.GpuLayers)} (now {options.GpuLayers}), lower {nameof(ModelLoadOptions.ContextSize)}, or use a smaller quantization.");
        }

        return new NotEnoughMemoryException(
            modelPath, MemoryKind.SystemRam, ramBytes, memory.AvailableBytes, nameof(ModelLoadOptions.ContextSize),
            $"{head} The weights alone do not fit: use a smaller model or quantization, or free memory; lowering {nameof(ModelLoadOptions.ContextSize)} saves at most {ByteSize.Format(estimate.KvCacheBytes)}.");
    }
}
