using LLama.Exceptions;
using LLama.Native;
using OmniBot.Engine.Hardware;
using OmniBot.Engine.Runtime;
using OmniBot.Models.Gguf;

namespace OmniBot.Engine.Loading;

/// <summary>The steps of <see cref="LlamaModel.LoadAsync"/>: validate, estimate, check memory, load natively.</summary>
internal static class LlamaModelLoader
{
    public static Task<LlamaModel> LoadAsync(string path, ModelLoadOptions options, IProgress<float>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options.Validate();
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<LlamaModel>(cancellationToken);
        }

        var fullPath = System.IO.Path.GetFullPath(path);
        var completion = new TaskCompletionSource<LlamaModel>(TaskCreationOptions.RunContinuationsAsynchronously);

        // llama.cpp reads the whole file synchronously; a thread of our own keeps that off the pool.
        var thread = new Thread(() => Run(fullPath, options, progress, completion, cancellationToken))
        {
            IsBackground = true,
            Name = "omnibot-model-load",
        };
        thread.Start();
        return completion.Task;
    }

    private static void Run(string path, ModelLoadOptions options, IProgress<float>? progress, TaskCompletionSource<LlamaModel> completion, CancellationToken cancellationToken)
    {
        try
        {
            completion.SetResult(Load(path, options, progress, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            completion.SetCanceled(cancellationToken);
        }
#pragma warning disable CA1031 // every failure is handed to the awaiting caller
        catch (Exception ex)
#pragma warning restore CA1031
        {
            completion.SetException(ex);
        }
    }

    private static LlamaModel Load(string path, ModelLoadOptions options, IProgress<float>? progress, CancellationToken cancellationToken)
    {
        // The managed reader validates everything llama.cpp would trust, so a corrupt file never reaches it.
        var info = GgufModelInfo.Read(path);
        cancellationToken.ThrowIfCancellationRequested();

        var runtime = LlamaRuntime.EnsureInitialized();
        var estimate = ModelMemoryEstimator.Estimate(info, options.ContextSize);
        var gpus = runtime.GpuOffloadSupported ? LlamaRuntime.QueryDevices().Where(d => d.IsGpu).ToList() : [];
        var plan = ModelMemoryPlanner.Plan(path, estimate, options, HardwareDetector.DetectMemory(), gpus);
        cancellationToken.ThrowIfCancellationRequested();

        var handle = LoadNative(path, options, plan.GpuLayerCount, progress, cancellationToken);
        try
        {
            return new LlamaModel(path, info, options, estimate, plan, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static SafeLlamaModelHandle LoadNative(string path, ModelLoadOptions options, int gpuLayers, IProgress<float>? progress, CancellationToken cancellationToken)
    {
        // Returning false from the progress callback makes llama.cpp stop and free what it loaded.
        LlamaProgressCallback onProgress = (value, _) =>
        {
            progress?.Report(Math.Clamp(value, 0f, 1f));
            return !cancellationToken.IsCancellationRequested;
        };

        var parameters = LLamaModelParams.Default();
        parameters.n_gpu_layers = gpuLayers;
        parameters.load_mode = (options.UseMmap, options.UseMlock) switch
        {
            (true, true) => LLamaLoadMode.MemoryMapAndLock,
            (true, false) => LLamaLoadMode.MemoryMap,
            (false, true) => LLamaLoadMode.MemoryLock,
            _ => LLamaLoadMode.None,
        };
        parameters.progress_callback = onProgress;

        using var problems = NativeLogForwarder.CaptureProblems();
        try
        {
            return SafeLlamaModelHandle.LoadFromFile(path, parameters);
        }
        catch (LoadWeightsFailedException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var said = problems.Lines.Count == 0 ? "llama.cpp gave no reason" : "llama.cpp said: " + string.Join(" | ", problems.Lines.TakeLast(3));
            throw new ModelLoadException(path, $"llama.cpp could not load the model '{path}' ({said}). Check that the file is a complete GGUF model of an architecture this llama.cpp build supports.", ex);
        }
        finally
        {
            // Native code holds a pointer to the callback for the whole load.
            GC.KeepAlive(onProgress);
        }
    }
}
