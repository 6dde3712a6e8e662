namespace OmniBot.Engine.Errors;

/// <summary>The request queue is full; the caller should retry later (HTTP 429/503).</summary>
public sealed class EngineBusyException : LlamaEngineException
{
    public EngineBusyException(int queueCapacity)
        : base($"The model is busy: {queueCapacity} requests are already waiting. Retry later or raise the queue capacity (SchedulerOptions.QueueCapacity).")
    {
        QueueCapacity = queueCapacity;
    }

    public int QueueCapacity { get; }
}
