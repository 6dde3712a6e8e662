using System.Runtime.InteropServices;
using LLama.Native;
using Microsoft.Extensions.Logging;
using OmniBot.Engine.Hardware;

namespace OmniBot.Engine.Runtime;

/// <summary>
/// Owns the process-wide native library selection. llama.cpp can be configured only once per
/// process, and LLamaSharp's parameter defaults fail when they are the first native call, so every
/// engine entry point calls <see cref="EnsureInitialized"/> first. Applications that want a say
/// (a library path, a logger, no GPU) call <see cref="Initialize"/> once at start-up, before that.
/// </summary>
public static class LlamaRuntime
{
    private static readonly Lock Gate = new();
    private static LlamaRuntimeOptions? _options;
    private static RuntimeReport? _report;
    private static string? _failure;

    public static bool IsInitialized => Volatile.Read(ref _report) is not null;

    /// <summary>What was chosen and why; throws before initialization.</summary>
    public static RuntimeReport Report => Volatile.Read(ref _report)
        ?? throw new InvalidOperationException($"The native runtime is not initialized yet. Call {nameof(LlamaRuntime)}.{nameof(Initialize)} or {nameof(EnsureInitialized)} first.");

    /// <summary>Initializes with default options (honouring OMNIBOT_NATIVE_LIB) unless already done, whatever the options were.</summary>
    public static RuntimeReport EnsureInitialized()
    {
        if (Volatile.Read(ref _report) is { } report)
        {
            return report;
        }

        lock (Gate)
        {
            return _report ?? InitializeLocked(new LlamaRuntimeOptions());
        }
    }

    /// <summary>
    /// Chooses and loads the native library, makes the first native call and routes llama.cpp's
    /// log to <paramref name="loggerFactory"/>. Calling again with equal options returns the same
    /// report (and attaches a new logger factory if one is given); different options are an error.
    /// </summary>
    /// <exception cref="NativeRuntimeException">No build could be loaded, or the runtime was set up differently before.</exception>
    public static RuntimeReport Initialize(LlamaRuntimeOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (Gate)
        {
            if (loggerFactory is not null)
            {
                NativeLogForwarder.Attach(loggerFactory);
            }

            if (_report is not null)
            {
                if (_options != options)
                {
                    throw new NativeRuntimeException(
                        $"The native runtime was already initialized with different options ({_options}). " +
                        $"llama.cpp can be set up once per process: call {nameof(LlamaRuntime)}.{nameof(Initialize)} once, at start-up, before anything else uses the engine.");
                }

                return _report;
            }

            return InitializeLocked(options);
        }
    }

    /// <summary>The devices the loaded build registered, with their memory as of now.</summary>
    public static IReadOnlyList<BackendDevice> QueryDevices()
    {
        EnsureInitialized();
        return GgmlDeviceQuery.Enumerate();
    }

    private static RuntimeReport InitializeLocked(LlamaRuntimeOptions options)
    {
        if (_failure is not null)
        {
            // A failed first load poisons LLamaSharp's native bindings for the rest of the process.
            throw new NativeRuntimeException(_failure);
        }

        var platform = RuntimePlatform.Current;
        var cpuLevel = CpuDetector.DetectSimdLevel();
        RuntimeReport report;
        if (NativeLibraryConfig.LLama.LibraryHasLoaded)
        {
            report = DescribeForeignLoad(platform, cpuLevel);
        }
        else
        {
            var plan = NativeBackendPlanner.Plan(options, platform, cpuLevel, SystemGpuDriverProbe.Instance);
            report = Load(options, plan, platform, cpuLevel);
        }

        _options = options;
        Volatile.Write(ref _report, report);
        return report;
    }

    private static RuntimeReport Load(LlamaRuntimeOptions options, IReadOnlyList<PlannedBackend> plan, RuntimePlatform platform, CpuSimdLevel cpuLevel)
    {
        var policy = new BackendSelectingPolicy(plan, platform);
        var config = NativeLibraryConfig.All
            .WithSelectingPolicy(policy)
            .WithAutoFallback(false)
            .WithLogCallback(NativeLogForwarder.Callback);
        if (options.RuntimesDirectory is not null)
        {
            // LLamaSharp resolves the ggml-cpu dependency relative to its search folders.
            config.WithSearchDirectory(options.RuntimesDirectory);
        }

        try
        {
            NativeApi.llama_empty_call();
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or LLama.Exceptions.RuntimeError)
        {
            var decisions = BackendReportBuilder.Decide(plan, loaded: null);
            var fix = options.ResolveUserLibrary() is { } user
                ? $"Point {user.Origin} at a working llama library with its ggml libraries beside it, or unset it."
                : $"Reinstall LLamaSharp.Backend.Cpu next to the app, or set {LlamaRuntimeOptions.NativeLibraryEnvironmentVariable} to a working llama library.";
            _failure = $"No llama.cpp native library could be loaded: {BackendReportBuilder.Summarize(decisions)} {fix}";
            throw new NativeRuntimeException(_failure, ex);
        }

        NativeLogConfig.llama_log_set(NativeLogForwarder.Callback);
        var loadedCandidate = NativeApi.GetLoadedNativeLibrary(NativeLibraryName.LLama) as BackendLibraryCandidate;
        var chosen = loadedCandidate?.Planned;
        GgmlDeviceQuery.Bind(chosen?.LibraryPath, platform);
        return BackendReportBuilder.Build(plan, chosen, platform, cpuLevel, GgmlDeviceQuery.Enumerate());
    }

    private static RuntimeReport DescribeForeignLoad(RuntimePlatform platform, CpuSimdLevel cpuLevel)
    {
        var metadata = NativeApi.GetLoadedNativeLibrary(NativeLibraryName.LLama)?.Metadata;
        var backend = metadata is null ? NativeBackend.Custom : metadata.UseCuda ? NativeBackend.Cuda : metadata.UseVulkan ? NativeBackend.Vulkan : NativeBackend.Cpu;
        var variant = metadata is null ? "custom" : backend == NativeBackend.Cpu ? metadata.AvxLevel.ToString().ToLowerInvariant() : backend.ToString().ToLowerInvariant();
        var reason = "the native library was loaded by other code before OmniBot could choose one";
        var decision = new BackendDecision(backend, variant, BackendStatus.Used, reason, null);
        return BackendReportBuilder.Describe(backend, variant, reason, null, platform, cpuLevel, [decision], GgmlDeviceQuery.Enumerate());
    }

    internal static string? ReadSystemInfo() => Marshal.PtrToStringUTF8(NativeApi.llama_print_system_info())?.Trim();
}
