namespace OmniBot.Engine.Runtime;

/// <summary>The llama.cpp warnings and errors one thread saw while the capture was open.</summary>
internal sealed class NativeLogCapture(List<string> lines, Action end) : IDisposable
{
    public IReadOnlyList<string> Lines => lines;

    public void Dispose() => end();
}
