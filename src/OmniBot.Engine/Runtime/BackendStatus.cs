namespace OmniBot.Engine.Runtime;

/// <summary>Why a native build was or was not used.</summary>
public enum BackendStatus
{
    /// <summary>This build is the one loaded.</summary>
    Used,

    /// <summary>Turned off by <see cref="LlamaRuntimeOptions"/>.</summary>
    Disabled,

    /// <summary>The build does not exist for this operating system or processor architecture.</summary>
    NotThisPlatform,

    /// <summary>The NuGet backend package that carries this build is not installed next to the app.</summary>
    PackageMissing,

    /// <summary>The package is there but the GPU driver library cannot be loaded.</summary>
    NoDriver,

    /// <summary>The driver is there but reports no usable device.</summary>
    NoDevice,

    /// <summary>The processor lacks instructions this CPU build needs.</summary>
    UnsupportedCpu,

    /// <summary>It was tried and its library failed to load.</summary>
    LoadFailed,

    /// <summary>It would work, but a preferred build loaded first.</summary>
    NotNeeded,

    /// <summary>Not considered because the user named a native library explicitly.</summary>
    Overridden,
}
