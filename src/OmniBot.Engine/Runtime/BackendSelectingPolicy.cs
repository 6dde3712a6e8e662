using LLama.Abstractions;
using LLama.Native;

namespace OmniBot.Engine.Runtime;

/// <summary>Feeds LLamaSharp's loader our planned builds, in our order, for llama and for mtmd.</summary>
internal sealed class BackendSelectingPolicy : INativeLibrarySelectingPolicy
{
    private readonly RuntimePlatform _platform;

    public BackendSelectingPolicy(IReadOnlyList<PlannedBackend> plan, RuntimePlatform platform)
    {
        _platform = platform;
        LlamaCandidates = [.. plan.Where(p => p.IsCandidate).Select(p => new BackendLibraryCandidate(p, NativeLibraryName.LLama, p.LibraryPath))];
    }

    /// <summary>The llama candidates; the loaded one is found among them by reference after loading.</summary>
    public IReadOnlyList<BackendLibraryCandidate> LlamaCandidates { get; }

    public IEnumerable<INativeLibrary> Apply(NativeLibraryConfig.Description description, SystemInfo systemInfo, NativeLogConfig.LLamaLogCallback? logCallback)
    {
        if (description.Library == NativeLibraryName.LLama)
        {
            return LlamaCandidates;
        }

        var fileName = _platform.LibraryFileName("mtmd");
        return LlamaCandidates.Select(c => new BackendLibraryCandidate(c.Planned, description.Library, Path.Combine(c.Planned.Directory, fileName)));
    }
}
