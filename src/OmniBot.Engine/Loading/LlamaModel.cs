using LLama.Native;
using OmniBot.Models.Gguf;

namespace OmniBot.Engine.Loading;

/// <summary>
/// A GGUF model loaded into llama.cpp. Owns the native model; <see cref="Dispose"/> frees its memory.
/// Contexts created from <see cref="Handle"/> keep the native model alive until they are freed too.
/// </summary>
public sealed class LlamaModel : IDisposable
{
    private readonly SafeLlamaModelHandle _handle;

    internal LlamaModel(string path, GgufModelInfo info, ModelLoadOptions options, MemoryEstimate estimate, ModelMemoryPlan plan, SafeLlamaModelHandle handle)
    {
        Path = path;
        Info = info;
        Options = options;
        MemoryEstimate = estimate;
        GpuLayerCount = plan.GpuLayerCount;
        EstimatedRamBytes = plan.RamBytes;
        EstimatedGpuBytes = plan.GpuBytes;
        _handle = handle;
        VocabularySize = handle.Vocab.Count;
        TrainedContextLength = handle.ContextSize;
        EmbeddingLength = handle.EmbeddingSize;
        LayerCount = handle.LayerCount;
        SizeInBytes = (long)handle.SizeInBytes;
        ParameterCount = (long)handle.ParameterCount;
        Description = handle.Description;
    }

    /// <summary>Full path of the model file.</summary>
    public string Path { get; }

    /// <summary>Facts read from the file by the managed GGUF reader (metadata, tensors, chat template).</summary>
    public GgufModelInfo Info { get; }

    public ModelLoadOptions Options { get; }

    /// <summary>The memory estimate the load was checked against, for <see cref="ModelLoadOptions.ContextSize"/>.</summary>
    public MemoryEstimate MemoryEstimate { get; }

    /// <summary>Layers offloaded to the GPU (<see cref="GpuLayers.Auto"/> resolved).</summary>
    public int GpuLayerCount { get; }

    public long EstimatedRamBytes { get; }

    public long EstimatedGpuBytes { get; }

    /// <summary>Tokens in the vocabulary, as llama.cpp loaded it.</summary>
    public int VocabularySize { get; }

    /// <summary>The context length the model was trained with.</summary>
    public int TrainedContextLength { get; }

    public int EmbeddingLength { get; }

    public int LayerCount { get; }

    /// <summary>Bytes of all tensors, as llama.cpp counts them.</summary>
    public long SizeInBytes { get; }

    public long ParameterCount { get; }

    /// <summary>llama.cpp's one-line description, e.g. "llama ?B F32".</summary>
    public string Description { get; }

    public bool IsDisposed => _handle.IsClosed;

    /// <summary>The native model, for the engine's contexts and samplers.</summary>
    internal SafeLlamaModelHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>The native vocabulary (tokenize, detokenize, special tokens).</summary>
    internal SafeLlamaModelHandle.Vocabulary Vocabulary => Handle.Vocab;

    /// <summary>
    /// Validates the file with the managed GGUF reader, checks the memory estimate against free RAM
    /// and VRAM, then loads it on a dedicated thread with progress and cancellation.
    /// </summary>
    /// <exception cref="GgufFormatException">The file is not a valid GGUF model; it was never given to llama.cpp.</exception>
    /// <exception cref="NotEnoughMemoryException">The estimate exceeds available memory; nothing was loaded.</exception>
    /// <exception cref="ModelLoadException">llama.cpp refused the file.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before or during loading.</exception>
    public static Task<LlamaModel> LoadAsync(
        string path,
        ModelLoadOptions? options = null,
        IProgress<float>? progress = null,
        CancellationToken cancellationToken = default) =>
        LlamaModelLoader.LoadAsync(path, options ?? new ModelLoadOptions(), progress, cancellationToken);

    public void Dispose() => _handle.Dispose();
}
