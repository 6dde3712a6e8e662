namespace OmniBot.Engine.Errors;

/// <summary>The request queue is full; the caller should retry later (HTTP 429/503).</summary>
public sealed class EngineBusyException : LlamaEngineException
{
    public EngineBusyException(int queueCapacity)
        : base($"The model is busy: {queueCapacity} requests are already waiting. Retry later or raise the queue capacity (SchedulerOptions.QueueCapacity).")
    {
        QueueCapacity = queueCapacity;
    }

    /// <summary>Every loaded model stayed busy while a request for another model waited for room.</summary>
    public EngineBusyException(int maxLoadedModels, TimeSpan waited)
        : base($"All {maxLoadedModels} loaded models stayed busy for {waited.TotalSeconds:0} s, so another model cannot be loaded yet. Retry later, or allow more models at once (ModelHostOptions.MaxLoadedModels) or a longer wait (ModelHostOptions.RoomWaitTimeout).")
    {
        QueueCapacity = maxLoadedModels;
    }

    /// <summary>The capacity that was full: queued requests, or loaded models.</summary>
    public int QueueCapacity { get; }
}
