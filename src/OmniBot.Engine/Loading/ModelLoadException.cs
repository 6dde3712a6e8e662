namespace OmniBot.Engine.Loading;

/// <summary>llama.cpp could not load a model file; the message carries the path and llama.cpp's complaint.</summary>
public class ModelLoadException : Exception
{
    public ModelLoadException()
    {
    }

    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelLoadException(string modelPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ModelPath = modelPath;
    }

    /// <summary>The model file that failed to load.</summary>
    public string? ModelPath { get; }
}
