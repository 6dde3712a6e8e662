namespace OmniBot.Engine.Errors;

/// <summary>Base of the engine's errors; the message always says what went wrong and how to fix it.</summary>
public class LlamaEngineException : Exception
{
    public LlamaEngineException(string message)
        : base(message)
    {
    }

    public LlamaEngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
