using Microsoft.Extensions.Logging;
using OmniBot.Engine.Chat;
using OmniBot.Engine.Embeddings;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;

namespace OmniBot.Engine.Hosting;

/// <summary>
/// One loaded model and the engines built on it on first use: a chat scheduler, an embedding generator, a reranker.
/// Lease counting and expiry are guarded by the owning <see cref="ModelHost"/>'s lock.
/// </summary>
internal sealed class HostedModel
{
    private readonly Lock _enginesLock = new();
    private readonly ModelHostOptions _options;
    private readonly LlamaModel? _draft;
    private readonly ILoggerFactory? _loggerFactory;
    private InferenceScheduler? _scheduler;
    private LlamaChatClient? _chat;
    private LlamaEmbeddingGenerator? _embeddings;
    private LlamaReranker? _reranker;

    public HostedModel(ModelSpec spec, LlamaModel model, LlamaModel? draft, ModelHostOptions options, int contextSize, DateTimeOffset loadedAt, ILoggerFactory? loggerFactory)
    {
        Spec = spec;
        Model = model;
        _draft = draft;
        _options = options;
        ContextSize = contextSize;
        LoadedAt = loadedAt;
        KeepAlive = options.KeepAlive;
        _loggerFactory = loggerFactory;
    }

    public ModelSpec Spec { get; }

    public LlamaModel Model { get; }

    public int ContextSize { get; }

    public DateTimeOffset LoadedAt { get; }

    public int Leases { get; set; }

    public TimeSpan KeepAlive { get; set; }

    public DateTimeOffset LastReleased { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public ITimer? ExpiryTimer { get; set; }

    public bool IsEmbeddingOnly => EmbeddingModelTraits.IsEncoderOnly(Model);

    public InferenceScheduler? SchedulerIfCreated => _scheduler;

    public InferenceScheduler Scheduler
    {
        get
        {
            lock (_enginesLock)
            {
                if (IsEmbeddingOnly)
                {
                    throw new LlamaEngineException($"Model '{Spec.Id}' is an embedding model: it can embed and rerank but not chat or complete text. Pick a chat model.");
                }

                return _scheduler ??= new InferenceScheduler(Model, _options.Scheduler with { ContextSize = ContextSize }, _loggerFactory, _draft);
            }
        }
    }

    public LlamaChatClient ChatClient
    {
        get
        {
            var scheduler = Scheduler;
            lock (_enginesLock)
            {
                return _chat ??= new LlamaChatClient(scheduler, _options.Chat with { ModelId = Spec.Id });
            }
        }
    }

    public LlamaEmbeddingGenerator Embeddings
    {
        get
        {
            lock (_enginesLock)
            {
                return _embeddings ??= new LlamaEmbeddingGenerator(Model, new LlamaEmbeddingGeneratorOptions { ModelId = Spec.Id, Threads = _options.Load.Threads });
            }
        }
    }

    public LlamaReranker Reranker
    {
        get
        {
            lock (_enginesLock)
            {
                return _reranker ??= new LlamaReranker(Model, new LlamaRerankerOptions { ModelId = Spec.Id, Threads = _options.Load.Threads });
            }
        }
    }

    public HostedModelStatus ToStatus() => new(
        Spec.Id,
        Spec.Path,
        Model.SizeInBytes,
        Model.EstimatedRamBytes,
        Model.EstimatedGpuBytes,
        ContextSize,
        Leases,
        LoadedAt,
        Leases > 0 ? null : ExpiresAt,
        _scheduler?.Counters);

    /// <summary>Frees every engine, then the model; called once no lease is left.</summary>
    public async ValueTask UnloadAsync()
    {
        ExpiryTimer?.Dispose();
        InferenceScheduler? scheduler;
        lock (_enginesLock)
        {
            scheduler = _scheduler;
            _chat?.Dispose();
            _embeddings?.Dispose();
            _reranker?.Dispose();
            _scheduler = null;
            _chat = null;
            _embeddings = null;
            _reranker = null;
        }

        if (scheduler is not null)
        {
            await scheduler.DisposeAsync().ConfigureAwait(false);
        }

        Model.Dispose();
        _draft?.Dispose();
    }
}
