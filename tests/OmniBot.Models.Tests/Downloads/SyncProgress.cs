namespace OmniBot.Models.Tests.Downloads;

/// <summary>Reports on the calling thread, unlike Progress&lt;T&gt;, so a test sees every report before the call returns.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
