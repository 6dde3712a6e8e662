using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OmniBot.Engine.Errors;
using OmniBot.Engine.Loading;

namespace OmniBot.Engine.Hosting;

/// <summary>
/// Keeps models loaded for as long as they are used, as Ollama's scheduler does: requests lease a model
/// (loading it on first use, one load at a time), an idle model unloads after its keep-alive, and when
/// <see cref="ModelHostOptions.MaxLoadedModels"/> are loaded a new one waits for the least recently used idle one to go.
/// </summary>
public sealed partial class ModelHost : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Dictionary<ModelSpec, HostedModel> _models = [];
    private readonly List<Task> _unloads = [];
    private readonly ModelHostOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private TaskCompletionSource _released = NewSignal();
    private bool _disposed;

    public ModelHost(ModelHostOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? new ModelHostOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<ModelHost>();
    }

    public ModelHostOptions Options => _options;

    /// <summary>Raised after a model is loaded or unloaded (for metrics and the UI).</summary>
    public event EventHandler? LoadedModelsChanged;

    /// <summary>The loaded models, most recently loaded first.</summary>
    public IReadOnlyList<HostedModelStatus> Loaded
    {
        get
        {
            lock (_gate)
            {
                return [.. _models.Values.OrderByDescending(model => model.LoadedAt).Select(model => model.ToStatus())];
            }
        }
    }

    /// <summary>Leases <paramref name="spec"/>, loading it first when it is not loaded.</summary>
    /// <param name="keepAlive">How long the model stays loaded after this lease ends; null keeps the model's current setting.</param>
    /// <exception cref="Models.Gguf.GgufFormatException">The file is not a valid GGUF model.</exception>
    /// <exception cref="NotEnoughMemoryException">The model does not fit in memory.</exception>
    /// <exception cref="ModelLoadException">llama.cpp refused the file.</exception>
    public async Task<ModelLease> AcquireAsync(ModelSpec spec, TimeSpan? keepAlive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (TryLease(spec, keepAlive) is { } existing)
        {
            return existing;
        }

        using var roomWait = new CancellationTokenSource(_options.RoomWaitTimeout, _time);
        using var waitToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, roomWait.Token);
        try
        {
            await _loading.WaitAsync(waitToken.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (roomWait.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new EngineBusyException(_options.MaxLoadedModels, _options.RoomWaitTimeout);
        }

        try
        {
            if (TryLease(spec, keepAlive) is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }

            try
            {
                await MakeRoomAsync(waitToken.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (roomWait.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new EngineBusyException(_options.MaxLoadedModels, _options.RoomWaitTimeout);
            }

            var hosted = await LoadAsync(spec, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                hosted.Leases = 1;
                hosted.KeepAlive = keepAlive ?? _options.KeepAlive;
                _models[spec] = hosted;
            }

            LogLoaded(spec.Id, spec.Path, hosted.ContextSize);
            LoadedModelsChanged?.Invoke(this, EventArgs.Empty);
            return new ModelLease(this, hosted);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Completes once no request holds any loaded model (for a drain, or a caller that waits for a cancelled request to let go).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task released;
            lock (_gate)
            {
                if (_models.Values.All(model => model.Leases == 0))
                {
                    return;
                }

                released = _released.Task;
            }

            await released.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Unloads every loaded instance of the model named <paramref name="id"/> once its requests finish.</summary>
    /// <returns>Whether any instance was loaded.</returns>
    public bool Unload(string id)
    {
        var found = false;
        lock (_gate)
        {
            foreach (var hosted in _models.Values.Where(model => model.Spec.Id == id))
            {
                found = true;
                hosted.KeepAlive = TimeSpan.Zero;
                if (hosted.Leases == 0)
                {
                    StartUnload(hosted);
                }
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        Task[] pending;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var hosted in _models.Values.ToList())
            {
                StartUnload(hosted);
            }

            pending = [.. _unloads];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        _loading.Dispose();
    }

    internal void SetKeepAlive(HostedModel hosted, TimeSpan keepAlive)
    {
        lock (_gate)
        {
            hosted.KeepAlive = keepAlive;
        }
    }

    internal void Release(HostedModel hosted)
    {
        lock (_gate)
        {
            hosted.Leases--;
            if (hosted.Leases > 0 || !_models.TryGetValue(hosted.Spec, out var current) || current != hosted)
            {
                return;
            }

            hosted.LastReleased = _time.GetUtcNow();
            if (hosted.KeepAlive == TimeSpan.Zero || _disposed)
            {
                StartUnload(hosted);
            }
            else if (hosted.KeepAlive > TimeSpan.Zero)
            {
                hosted.ExpiresAt = hosted.LastReleased + hosted.KeepAlive;
                hosted.ExpiryTimer = _time.CreateTimer(_ => Expire(hosted), null, hosted.KeepAlive, Timeout.InfiniteTimeSpan);
            }

            var released = _released;
            _released = NewSignal();
            released.TrySetResult();
        }
    }

    private ModelLease? TryLease(ModelSpec spec, TimeSpan? keepAlive)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_models.TryGetValue(spec, out var hosted))
            {
                return null;
            }

            hosted.Leases++;
            hosted.ExpiryTimer?.Dispose();
            hosted.ExpiryTimer = null;
            hosted.ExpiresAt = null;
            if (keepAlive is { } requested)
            {
                hosted.KeepAlive = requested;
            }

            return new ModelLease(this, hosted);
        }
    }

    private async Task MakeRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task waitFor;
            lock (_gate)
            {
                if (_models.Count < _options.MaxLoadedModels)
                {
                    waitFor = Task.WhenAll(_unloads);
                }
                else if (_models.Values.Where(model => model.Leases == 0).MinBy(model => model.LastReleased) is { } idle)
                {
                    StartUnload(idle);
                    continue;
                }
                else
                {
                    LogWaitingForRoom(_options.MaxLoadedModels);
                    waitFor = _released.Task;
                }
            }

            await waitFor.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                if (_models.Count < _options.MaxLoadedModels && _unloads.Count == 0)
                {
                    return;
                }
            }
        }
    }

    private async Task<HostedModel> LoadAsync(ModelSpec spec, CancellationToken cancellationToken)
    {
        var contextSize = spec.ContextSize ?? _options.Scheduler.ContextSize ?? ModelLoadOptions.DefaultContextSize;
        var load = _options.Load with { ContextSize = contextSize * _options.Scheduler.Slots };
        var model = await LlamaModel.LoadAsync(spec.Path, load, cancellationToken: cancellationToken).ConfigureAwait(false);
        LlamaModel? draft = null;
        try
        {
            if (_options.DraftModelPath is { } draftPath && !Embeddings.EmbeddingModelTraits.IsEncoderOnly(model))
            {
                draft = await LlamaModel.LoadAsync(draftPath, load, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            model.Dispose();
            throw;
        }

        return new HostedModel(spec, model, draft, _options, contextSize, _time.GetUtcNow(), _loggerFactory);
    }

    private void Expire(HostedModel hosted)
    {
        lock (_gate)
        {
            if (hosted.Leases == 0 && _models.TryGetValue(hosted.Spec, out var current) && current == hosted)
            {
                StartUnload(hosted);
            }
        }
    }

    /// <summary>Removes the model from the table at once and frees it in the background; call under <see cref="_gate"/>.</summary>
    private void StartUnload(HostedModel hosted)
    {
        _models.Remove(hosted.Spec);
        hosted.ExpiryTimer?.Dispose();
        Task unload = null!;
        unload = Task.Run(async () =>
        {
            try
            {
                await hosted.UnloadAsync().ConfigureAwait(false);
                LogUnloaded(hosted.Spec.Id);
            }
            catch (Exception exception)
            {
                LogUnloadFailed(exception, hosted.Spec.Id);
            }
            finally
            {
                lock (_gate)
                {
                    _unloads.Remove(unload);
                    var released = _released;
                    _released = NewSignal();
                    released.TrySetResult();
                }

                LoadedModelsChanged?.Invoke(this, EventArgs.Empty);
            }
        });
        _unloads.Add(unload);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded model {Id} from {Path} with {ContextSize} tokens of context per slot")]
    private partial void LogLoaded(string id, string path, int contextSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unloaded model {Id}")]
    private partial void LogUnloaded(string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unloading model {Id} failed")]
    private partial void LogUnloadFailed(Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "All {MaxLoadedModels} loaded models are in use; waiting for one to become idle")]
    private partial void LogWaitingForRoom(int maxLoadedModels);
}
