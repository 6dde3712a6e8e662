using OmniBot.Engine.Hardware;

namespace OmniBot.Engine.Runtime;

/// <summary>
/// How the native llama.cpp library is chosen. Records compare by value, so initializing twice with
/// equal options is harmless and with different options is an error.
/// </summary>
public sealed record LlamaRuntimeOptions
{
    /// <summary>Environment variable naming a llama library to load instead of choosing one.</summary>
    public const string NativeLibraryEnvironmentVariable = "OMNIBOT_NATIVE_LIB";

    /// <summary>
    /// Full path of a llama library (libllama.so, llama.dll, libllama.dylib) to load instead of
    /// choosing a build. Its ggml libraries must sit beside it. Overrides OMNIBOT_NATIVE_LIB.
    /// </summary>
    public string? NativeLibraryPath { get; init; }

    /// <summary>Try the CUDA build when LLamaSharp.Backend.Cuda12 is installed. Default true.</summary>
    public bool EnableCuda { get; init; } = true;

    /// <summary>Try the Vulkan build when LLamaSharp.Backend.Vulkan is installed. Default true.</summary>
    public bool EnableVulkan { get; init; } = true;

    /// <summary>Use Metal on Apple Silicon. Default true.</summary>
    public bool EnableMetal { get; init; } = true;

    /// <summary>Highest CPU build level to use; null means the best this processor supports.</summary>
    public CpuSimdLevel? MaxCpuLevel { get; init; }

    /// <summary>Folder holding <c>runtimes/&lt;rid&gt;/native</c>; null means the application's folder.</summary>
    public string? RuntimesDirectory { get; init; }

    /// <summary>The library the user named: the option first, then OMNIBOT_NATIVE_LIB.</summary>
    internal (string Path, string Origin)? ResolveUserLibrary()
    {
        if (!string.IsNullOrWhiteSpace(NativeLibraryPath))
        {
            return (NativeLibraryPath, $"{nameof(LlamaRuntimeOptions)}.{nameof(NativeLibraryPath)}");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(NativeLibraryEnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : (fromEnvironment, NativeLibraryEnvironmentVariable);
    }
}
