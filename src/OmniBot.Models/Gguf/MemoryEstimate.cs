namespace OmniBot.Models.Gguf;

/// <summary>
/// Memory a model needs when loaded with given <see cref="Options"/>, from <see cref="ModelMemoryEstimator"/>.
/// An estimate that errs on the high side; it plans loading and GPU offload, it is not a measurement.
/// </summary>
public sealed class MemoryEstimate
{
    private readonly long[] _layerBytes;

    internal MemoryEstimate(
        MemoryEstimateOptions options,
        long weightBytes,
        long kvCacheBytes,
        long graphBytes,
        long outputBufferBytes,
        long[] layerBytes,
        long nonLayerBytes)
    {
        Options = options;
        WeightBytes = weightBytes;
        KvCacheBytes = kvCacheBytes;
        OutputBufferBytes = outputBufferBytes;
        ComputeBufferBytes = SaturatingMath.Add(graphBytes, outputBufferBytes);
        TotalBytes = SaturatingMath.Add(SaturatingMath.Add(weightBytes, kvCacheBytes), ComputeBufferBytes);
        _layerBytes = layerBytes;
        NonLayerBytes = nonLayerBytes;
    }

    public MemoryEstimateOptions Options { get; }

    /// <summary>All tensor data: the weights as stored in the file.</summary>
    public long WeightBytes { get; }

    /// <summary>The key and value caches for <see cref="MemoryEstimateOptions.ContextSize"/> cells (none for encoder-only models like BERT).</summary>
    public long KvCacheBytes { get; }

    /// <summary>Scratch memory for computing one micro-batch, plus <see cref="OutputBufferBytes"/>.</summary>
    public long ComputeBufferBytes { get; }

    /// <summary>The part of <see cref="ComputeBufferBytes"/> holding outputs: logits (vocabulary × batch floats) or embeddings. It stays in host memory.</summary>
    public long OutputBufferBytes { get; }

    public long TotalBytes { get; }

    /// <summary>Per repeating layer (blk.N): its weights plus its share of the KV cache, what offloading that layer moves to the GPU.</summary>
    public IReadOnlyList<long> LayerBytes => _layerBytes;

    /// <summary>The largest of <see cref="LayerBytes"/>: the bytes one more offloaded layer can need.</summary>
    public long BytesPerLayer => _layerBytes.Length == 0 ? 0 : _layerBytes.Max();

    /// <summary>Weights outside the repeating layers: embeddings, output head, final norm.</summary>
    public long NonLayerBytes { get; }

    /// <summary>
    /// How many repeating layers fit in <paramref name="budgetBytes"/> of device memory (e.g. free VRAM), after
    /// keeping room for the compute buffer there. Layers are counted from the last, as llama.cpp offloads them.
    /// </summary>
    public int LayersThatFit(long budgetBytes)
    {
        if (budgetBytes <= 0)
        {
            return 0;
        }

        var available = budgetBytes - (ComputeBufferBytes - OutputBufferBytes);
        var fitted = 0;
        for (var layer = _layerBytes.Length - 1; layer >= 0 && _layerBytes[layer] <= available; layer--)
        {
            available -= _layerBytes[layer];
            fitted++;
        }

        return fitted;
    }
}
