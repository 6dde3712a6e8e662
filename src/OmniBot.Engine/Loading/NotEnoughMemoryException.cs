namespace OmniBot.Engine.Loading;

/// <summary>
/// The memory estimate says the model will not fit, so it was not loaded. The message names the
/// setting to lower (<see cref="ModelLoadOptions.ContextSize"/> or <see cref="ModelLoadOptions.GpuLayers"/>).
/// </summary>
public sealed class NotEnoughMemoryException : ModelLoadException
{
    public NotEnoughMemoryException()
    {
    }

    public NotEnoughMemoryException(string message)
        : base(message)
    {
    }

    public NotEnoughMemoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotEnoughMemoryException(string modelPath, MemoryKind memory, long requiredBytes, long availableBytes, string setting, string message)
        : base(modelPath, message)
    {
        Memory = memory;
        RequiredBytes = requiredBytes;
        AvailableBytes = availableBytes;
        Setting = setting;
    }

    public MemoryKind Memory { get; }

    public long RequiredBytes { get; }

    public long AvailableBytes { get; }

    /// <summary>The <see cref="ModelLoadOptions"/> property to lower, e.g. "ContextSize".</summary>
    public string? Setting { get; }
}
