using System.Collections.Concurrent;
using OmniBot.Engine.Loading;
using OmniBot.Models.Gguf;
using OmniBot.Models.Store;
using OmniBot.Server;
using OmniBot.Server.Management;

namespace OmniBot.Web.Hardware;

/// <summary>
/// For the hardware page: whether each installed model fits this machine with the server's configured context
/// (context per slot × slots, as the model host loads it). Estimates are kept per file, since reading a GGUF's
/// tensor table is not free.
/// </summary>
public sealed class ModelFitEstimator(ModelStore store, ServerOptions options)
{
    private readonly ConcurrentDictionary<(string Digest, int ContextSize), MemoryEstimate> _estimates = new();

    /// <summary>Context tokens of each slot, as the model host gives a model loaded without an explicit size.</summary>
    public int ContextPerSlot => options.Models.Scheduler.ContextSize ?? ModelLoadOptions.DefaultContextSize;

    public int Slots => options.Models.Scheduler.Slots;

    public IReadOnlyList<ModelFit> EstimateInstalled(HardwareReport report) =>
        [.. store.List().Select(manifest => Estimate(manifest, report))];

    public ModelFit Estimate(ModelManifest manifest, HardwareReport report)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(report);
        var name = manifest.Ref.ToString();
        var contextSize = ContextPerSlot * Slots;
        MemoryEstimate estimate;
        try
        {
            estimate = _estimates.GetOrAdd(
                (manifest.Digest, contextSize),
                key => ModelMemoryEstimator.Estimate(GgufModelInfo.Read(store.GetModelPath(manifest.Ref)), key.ContextSize));
        }
        catch (Exception ex) when (ex is GgufFormatException or IOException or UnauthorizedAccessException or ModelStoreException)
        {
            return ModelFit.Unreadable(name, contextSize, Slots, ex.Message);
        }

        var gpus = report.GpuOffloadSupported ? [.. report.Devices.Where(device => device.IsGpu)] : Array.Empty<Engine.Runtime.BackendDevice>();
        return ModelFitClassifier.Classify(name, estimate, report.Memory, gpus, options.Models.Load.GpuLayers, Slots);
    }
}
