namespace OmniBot.Engine.Runtime;

/// <summary>Kinds of compute device that llama.cpp (ggml) registers.</summary>
public enum BackendDeviceType
{
    Cpu,
    Gpu,
    IntegratedGpu,
    Accelerator,
    Unknown,
}
