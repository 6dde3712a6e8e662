namespace OmniBot.Engine.Runtime;

/// <summary>The native llama.cpp runtime could not be set up; the message says what to change.</summary>
public sealed class NativeRuntimeException : Exception
{
    public NativeRuntimeException()
    {
    }

    public NativeRuntimeException(string message)
        : base(message)
    {
    }

    public NativeRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
