namespace OmniBot.Engine.Tests.Loading;

/// <summary>Runs the handler on the reporting thread (Progress&lt;T&gt; would post it elsewhere, later).</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
