namespace OmniBot.Engine.Runtime;

/// <summary>A family of llama.cpp native builds.</summary>
public enum NativeBackend
{
    Cpu,
    Cuda,
    Vulkan,
    Metal,

    /// <summary>A library the user named (option or OMNIBOT_NATIVE_LIB); its abilities show in the devices it registers.</summary>
    Custom,
}
