using OmniBot.Engine.Hosting;
using OmniBot.Models.Gguf;
using OmniBot.Server.Models;
using OmniBot.Web.Persistence;

namespace OmniBot.Web.Backends;

/// <summary>The built-in backend: the store's chat models, run by llama.cpp in this process and leased per reply.</summary>
public sealed class LlamaCppBackend(BackendRecord definition, ServedModels models, ModelHost host) : IChatBackend
{
    public BackendRecord Definition => definition;

    /// <summary>The store's chat models (embedding and rerank models left out) with their GGUF facts.</summary>
    public Task<IReadOnlyList<BackendModel>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var loaded = host.Loaded.Select(status => status.Id).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<BackendModel> list =
        [
            .. models.List()
                .Where(manifest => manifest.Facts.PoolingType is null or GgufPoolingType.None)
                .Select(manifest => new BackendModel(manifest.Ref.ToString())
                {
                    SizeBytes = manifest.Size,
                    ParameterCount = manifest.Facts.ParameterCount,
                    Quantization = manifest.Facts.FileType,
                    ContextLength = manifest.Facts.ContextLength,
                    IsLoaded = loaded.Contains(manifest.Ref.ToString()),
                })
                .OrderBy(model => model.Id, StringComparer.Ordinal),
        ];
        return Task.FromResult(list);
    }

    public async Task<ChatClientLease> OpenAsync(string model, int? contextSize, CancellationToken cancellationToken = default)
    {
        var spec = models.Resolve(model, contextSize);
        var lease = await host.AcquireAsync(spec, cancellationToken: cancellationToken);
        try
        {
            return new ChatClientLease(lease.ChatClient, lease.DisposeAsync);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }
}
