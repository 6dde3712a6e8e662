namespace OmniBot.Engine.Quantization;

/// <summary>llama.cpp's quantizer failed to turn <see cref="SourcePath"/> into <see cref="DestinationPath"/>.</summary>
public sealed class ModelQuantizationException : Exception
{
    public ModelQuantizationException()
    {
        SourcePath = string.Empty;
        DestinationPath = string.Empty;
    }

    public ModelQuantizationException(string message)
        : base(message)
    {
        SourcePath = string.Empty;
        DestinationPath = string.Empty;
    }

    public ModelQuantizationException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourcePath = string.Empty;
        DestinationPath = string.Empty;
    }

    public ModelQuantizationException(string sourcePath, string destinationPath, ModelQuantizationType type, uint returnCode)
        : base($"llama.cpp could not quantize '{sourcePath}' to {type} at '{destinationPath}' (return code {returnCode}). " +
               "Check that the source is a complete GGUF model with F32, F16 or BF16 weights, and that the destination folder exists and is writable; llama.cpp's log names the failing step.")
    {
        SourcePath = sourcePath;
        DestinationPath = destinationPath;
        Type = type;
        ReturnCode = returnCode;
    }

    public string SourcePath { get; }

    public string DestinationPath { get; }

    public ModelQuantizationType Type { get; }

    /// <summary>llama.cpp's return code (non-zero).</summary>
    public uint ReturnCode { get; }
}
