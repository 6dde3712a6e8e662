using OmniBot.Engine.Chat;
using OmniBot.Engine.Embeddings;
using OmniBot.Engine.Inference;
using OmniBot.Engine.Loading;

namespace OmniBot.Engine.Hosting;

/// <summary>
/// The right to use a hosted model until disposed; the model cannot be unloaded while a lease is held.
/// The engines are created on first use and shared by every lease of the same model.
/// </summary>
public sealed class ModelLease : IAsyncDisposable, IDisposable
{
    private readonly ModelHost _host;
    private readonly HostedModel _hosted;
    private int _released;

    internal ModelLease(ModelHost host, HostedModel hosted)
    {
        _host = host;
        _hosted = hosted;
    }

    public string Id => _hosted.Spec.Id;

    public LlamaModel Model => _hosted.Model;

    /// <summary>True for encoder-only models (BERT and the like) that only embed and rerank.</summary>
    public bool IsEmbeddingOnly => _hosted.IsEmbeddingOnly;

    /// <exception cref="Errors.LlamaEngineException">The model is an embedding model and cannot generate text.</exception>
    public InferenceScheduler Scheduler => _hosted.Scheduler;

    /// <exception cref="Errors.LlamaEngineException">The model is an embedding model and cannot chat.</exception>
    public LlamaChatClient ChatClient => _hosted.ChatClient;

    public LlamaEmbeddingGenerator Embeddings => _hosted.Embeddings;

    public LlamaReranker Reranker => _hosted.Reranker;

    /// <summary>Sets how long the model stays loaded once the last lease is gone (Ollama's per-request <c>keep_alive</c>).</summary>
    public void KeepAliveAfterRelease(TimeSpan keepAlive) => _host.SetKeepAlive(_hosted, keepAlive);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _host.Release(_hosted);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
