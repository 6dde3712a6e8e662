namespace OmniBot.Engine.Loading;

/// <summary>Which memory a model did not fit in.</summary>
public enum MemoryKind
{
    SystemRam,
    GpuMemory,
}
