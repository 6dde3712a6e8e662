namespace OmniBot.Api.Ollama.Streaming;

/// <summary>Times one request for Ollama's durations: from arrival, and from the moment its model was ready.</summary>
internal sealed class OllamaRequestClock(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long? _ready;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>From arrival until the model was leased (loading it when it was not loaded).</summary>
    public TimeSpan LoadDuration => time.GetElapsedTime(_started, _ready ?? _started);

    public TimeSpan SinceReady => time.GetElapsedTime(_ready ?? _started);

    public TimeSpan Total => time.GetElapsedTime(_started);

    public void ModelReady() => _ready = time.GetTimestamp();
}
