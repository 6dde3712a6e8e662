using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using LLama.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Loading;
using OmniBot.Engine.Runtime;
using OmniBot.Engine.Speculation;
using OmniBot.Engine.Text;

namespace OmniBot.Engine.Inference;

/// <summary>
/// Runs all generation for one loaded model: a bounded queue in front of N slots that one dedicated
/// thread decodes together (continuous batching), with each slot's KV cache reused as a prefix cache.
/// Thread-safe: any number of callers may generate at once.
/// </summary>
public sealed class InferenceScheduler : IAsyncDisposable, IDisposable
{
    private const int DefaultMaxContext = 4096;

    private readonly SafeLlamaModelHandle _model;
    private readonly SafeLLamaContextHandle _context;
    private readonly Channel<SlotRequest> _queue;
    private readonly DecodeLoop _loop;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _queueCapacity;
    private readonly Lazy<SpecialTokenChunker> _chunker;
    private int _disposed;

    /// <summary>Creates the scheduler and starts its decode thread. The model must outlive it.</summary>
    /// <param name="draftModel">A small model of the same family for speculative decoding (<see cref="Speculation.SpeculationMode.DraftModel"/>).</param>
    public InferenceScheduler(LlamaModel model, SchedulerOptions? options = null, ILoggerFactory? loggerFactory = null, LlamaModel? draftModel = null)
        : this(RequireModel(model).Handle, options ?? new SchedulerOptions(), model.Info.Name ?? Path.GetFileNameWithoutExtension(model.Path), loggerFactory, draftModel?.Handle)
    {
        LoadedModel = model;
    }

    internal InferenceScheduler(SafeLlamaModelHandle model, SchedulerOptions options, string modelName, ILoggerFactory? loggerFactory = null, SafeLlamaModelHandle? draftModel = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        LlamaRuntime.EnsureInitialized();

        _model = model;
        _chunker = new Lazy<SpecialTokenChunker>(() => new SpecialTokenChunker(SpecialTokenChunker.SpecialTokenTexts(model.Vocab)));
        ModelName = modelName;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<InferenceScheduler>();
        var trainedContext = model.ContextSize > 0 ? model.ContextSize : DefaultMaxContext;
        ContextSizePerSlot = options.ContextSize ?? Math.Min(trainedContext, DefaultMaxContext);
        SlotCount = options.Slots;
        _queueCapacity = options.QueueCapacity;
        _context = CreateContext(model, options, ContextSizePerSlot);
        _queue = Channel.CreateBounded<SlotRequest>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var batchSize = Math.Min(options.BatchSize, ContextSizePerSlot * SlotCount);
        var threads = options.Threads ?? Environment.ProcessorCount;
        DraftModelProposer? proposer = null;
        try
        {
            proposer = draftModel is null ? null : new DraftModelProposer(draftModel, model, SlotCount, ContextSizePerSlot, batchSize, threads);
        }
        catch
        {
            _context.Dispose();
            throw;
        }

        HasDraftModel = proposer is not null;
        _loop = new DecodeLoop(model, _context, SlotCount, ContextSizePerSlot, batchSize, Counters, logger, proposer) { KvCacheType = options.KvCacheType, GrammarStepTimeLimit = options.GrammarStepTimeLimit };
        if (options.PromptCacheDirectory is { } cacheDirectory)
        {
            _loop.PromptCache = new Caching.PersistentPromptCache(cacheDirectory, options.PromptCacheMaxBytes, options.PromptCacheMinTokens, _loop.ModelFingerprint);
        }

        _thread = new Thread(() => _loop.Run(_queue.Reader, _stopping.Token))
        {
            IsBackground = true,
            Name = $"omnibot-decode {modelName}",
        };
        _thread.Start();
    }

    public string ModelName { get; }

    internal SafeLlamaModelHandle Model => _model;

    /// <summary>The loaded model, when the scheduler was created from one.</summary>
    public LlamaModel? LoadedModel { get; }

    public int SlotCount { get; }

    /// <summary>Tokens each conversation may hold: prompt plus reply.</summary>
    public int ContextSizePerSlot { get; }

    public SchedulerCounters Counters { get; } = new();

    /// <summary>Whether requests may use <see cref="Speculation.SpeculationMode.DraftModel"/>.</summary>
    public bool HasDraftModel { get; }

    /// <summary>Tokens that end a reply (end of turn, end of text).</summary>
    public IReadOnlyList<int> EndOfGenerationTokens => _loop.EndOfGenerationTokens;

    /// <summary>The ids of those <paramref name="texts"/> that are one token each in this model's vocabulary (control tokens included).</summary>
    public IReadOnlySet<int> SingleTokenIds(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var ids = new HashSet<int>();
        foreach (var text in texts)
        {
            var tokens = _model.Tokenize(text, false, true, System.Text.Encoding.UTF8);
            if (tokens.Length == 1)
            {
                ids.Add((int)tokens[0]);
            }
        }

        return ids;
    }

    /// <summary>The texts llama.cpp parses as special tokens in this model's prompts (control and user-defined tokens).</summary>
    internal IReadOnlyList<string> SpecialTokenTexts => _chunker.Value.SpecialTokens;

    /// <summary>Tokenizes prompt segments the way <see cref="GenerateAsync"/> will.</summary>
    public IReadOnlyList<int> Tokenize(IReadOnlyList<PromptSegment> prompt) =>
        TokenizeNative(prompt).Select(token => (int)token).ToArray();

    /// <summary>
    /// Streams the continuation of <paramref name="prompt"/>. The last update carries the statistics.
    /// Cancelling, or abandoning the enumeration, frees the slot at the next step.
    /// </summary>
    /// <exception cref="EngineBusyException">The queue is full.</exception>
    /// <exception cref="ContextOverflowException">The prompt does not fit into a slot.</exception>
    public IAsyncEnumerable<GenerationUpdate> GenerateAsync(
        IReadOnlyList<PromptSegment> prompt,
        GenerationOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return GenerateTokensAsync(TokenizeNative(prompt), options, cancellationToken);
    }

    /// <summary>Streams the continuation of already tokenized input (token ids of this model's vocabulary).</summary>
    public IAsyncEnumerable<GenerationUpdate> GenerateAsync(
        IReadOnlyList<int> promptTokens,
        GenerationOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(promptTokens);
        var vocabSize = _model.Vocab.Count;
        if (promptTokens.Any(token => token < 0 || token >= vocabSize))
        {
            throw new ArgumentException($"Prompt token ids must be between 0 and {vocabSize - 1} for this model.", nameof(promptTokens));
        }

        return GenerateTokensAsync(promptTokens.Select(token => (LLamaToken)token).ToArray(), options, cancellationToken);
    }

    private async IAsyncEnumerable<GenerationUpdate> GenerateTokensAsync(
        LLamaToken[] tokens,
        GenerationOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        if (options.Speculation.Mode == Speculation.SpeculationMode.DraftModel && !HasDraftModel)
        {
            throw new ArgumentException("Draft-model speculation needs a draft model: load one and pass it when creating the scheduler (omnibot run --draft MODEL).", nameof(options));
        }

        if (tokens.Length == 0)
        {
            throw new ArgumentException("The prompt is empty: it has no tokens to continue from.", nameof(tokens));
        }

        if (tokens.Length >= ContextSizePerSlot)
        {
            throw new ContextOverflowException(tokens.Length, ContextSizePerSlot);
        }

        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var submittedAt = Stopwatch.GetTimestamp();
        var request = new SlotRequest(tokens, options, CreateSampler(options), submittedAt, abandon.Token);
        if (!_queue.Writer.TryWrite(request))
        {
            request.Complete();
            throw new EngineBusyException(_queueCapacity);
        }

        Counters.OnEnqueued();
        try
        {
            await foreach (var update in request.Updates.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            // Tells the loop to free the slot when the caller stops reading early.
            await abandon.CancelAsync().ConfigureAwait(false);
        }
    }

    private Sampling.TokenSampler CreateSampler(GenerationOptions options)
    {
        try
        {
            return _loop.CreateSampler(options);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException and not LlamaEngineException)
        {
            throw new LlamaEngineException($"The request could not be started: {exception.Message}", exception);
        }
    }

    /// <summary>Saves the KV cache a conversation (its <see cref="GenerationOptions.SlotAffinityKey"/>) left in its slot.</summary>
    public Task<ConversationState> SaveStateAsync(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return _loop.PostAsync(() => _loop.SaveState(conversationId));
    }

    /// <summary>Puts a saved conversation back into a free slot, so its next turn evaluates only new tokens.</summary>
    /// <exception cref="LlamaEngineException">The state is from another model, too long, or damaged.</exception>
    public Task RestoreStateAsync(string conversationId, ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(state);
        return _loop.PostAsync(() => _loop.RestoreState(conversationId, state));
    }

    private static LlamaModel RequireModel(LlamaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model;
    }

    private LLamaToken[] TokenizeNative(IReadOnlyList<PromptSegment> prompt)
    {
        var tokens = new List<LLamaToken>();
        var vocab = _model.Vocab;
        foreach (var segment in prompt)
        {
            if (segment.Text.Length == 0)
            {
                continue;
            }

            var addBos = tokens.Count == 0 && vocab.ShouldAddBOS;
            var piece = segment.ParseSpecialTokens ? TokenizeWithSpecials(segment.Text, addBos) : _model.Tokenize(segment.Text, addBos, false, Encoding.UTF8);

            // A template that already starts with the BOS text must not get a second BOS.
            if (addBos && piece.Length >= 2 && piece[0] == piece[1] && vocab.BOS == piece[0])
            {
                piece = piece[1..];
            }

            tokens.AddRange(piece);
        }

        return tokens.ToArray();
    }

    /// <summary>Long text in pieces that tokenize alike (see <see cref="SpecialTokenChunker"/>): llama.cpp's special-token pass is quadratic.</summary>
    private LLamaToken[] TokenizeWithSpecials(string text, bool addBos)
    {
        if (text.Length <= SpecialTokenChunker.DefaultChunkLength)
        {
            return _model.Tokenize(text, addBos, true, Encoding.UTF8);
        }

        var pieces = _chunker.Value.Split(text);
        return [.. pieces.SelectMany((piece, index) => _model.Tokenize(piece, addBos && index == 0, true, Encoding.UTF8))];
    }

    private static SafeLLamaContextHandle CreateContext(SafeLlamaModelHandle model, SchedulerOptions options, int contextPerSlot)
    {
        var threads = options.Threads ?? Environment.ProcessorCount;
        var parameters = LLamaContextParams.Default();
        parameters.n_ctx = (uint)(contextPerSlot * options.Slots);
        parameters.n_seq_max = (uint)options.Slots;
        parameters.n_batch = (uint)Math.Min(options.BatchSize, contextPerSlot * options.Slots);
        parameters.n_ubatch = parameters.n_batch;
        parameters.n_threads = threads;
        parameters.n_threads_batch = threads;
        parameters.no_perf = true;
        parameters.kv_unified = false;
        parameters.type_k = parameters.type_v = options.KvCacheType == KvCacheType.F32 ? GGMLType.GGML_TYPE_F32 : GGMLType.GGML_TYPE_F16;

        // llama.cpp's CPU flash attention gives slightly different numbers for one query and for several
        // queries of the same sequence, so prefix reuse and speculation would change greedy text with it.
        parameters.llama_flash_attn_type = options.FlashAttention ? LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_ENABLED : LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_DISABLED;
        try
        {
            return SafeLLamaContextHandle.Create(model, parameters);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new LlamaEngineException(
                $"llama.cpp could not create a context of {parameters.n_ctx} tokens ({options.Slots} slots × {contextPerSlot}). Lower the context size or the number of slots.",
                exception);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _stopping.Cancel();
        _thread.Join();
        _loop.Dispose();
        _context.Dispose();
        _stopping.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
