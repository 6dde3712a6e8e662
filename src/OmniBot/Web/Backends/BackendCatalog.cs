using OmniBot.Engine.Hosting;
using OmniBot.Server.Models;
using OmniBot.Web.Persistence;

namespace OmniBot.Web.Backends;

/// <summary>
/// The backends a user can chat through: the built-in llama.cpp one plus the Ollama and OpenAI-compatible servers
/// they added (saved in the database), one of them the default for new chats.
/// </summary>
public sealed class BackendCatalog(BackendRepository repository, ServedModels models, ModelHost host, IHttpClientFactory httpClients)
{
    public Task<IReadOnlyList<BackendRecord>> ListAsync(CancellationToken cancellationToken = default) => repository.ListAsync(cancellationToken);

    /// <summary>The backend <paramref name="id"/>; when it is null or gone, the default one.</summary>
    public async Task<BackendRecord> GetOrDefaultAsync(string? id, CancellationToken cancellationToken = default)
    {
        var all = await repository.ListAsync(cancellationToken);
        return all.FirstOrDefault(backend => backend.Id == id)
            ?? all.FirstOrDefault(backend => backend.IsDefault)
            ?? all.FirstOrDefault(backend => backend.IsBuiltIn)
            ?? new BackendRecord(BackendRecord.BuiltInId, BackendKind.LlamaCpp, "llama.cpp (in-process)", null, null, true);
    }

    /// <summary>Adds an Ollama or OpenAI-compatible server.</summary>
    /// <exception cref="ArgumentException">The kind, name or URL is not usable; the message says how to fix it.</exception>
    public async Task<BackendRecord> AddAsync(BackendKind kind, string name, string url, string? apiKey, CancellationToken cancellationToken = default)
    {
        if (kind == BackendKind.LlamaCpp)
        {
            throw new ArgumentException("llama.cpp runs inside OmniBot and is always there; add Ollama or OpenAI-compatible servers.", nameof(kind));
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("Give the backend a name, for example \"GPU box\".", nameof(name));
        }

        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                kind == BackendKind.Ollama
                    ? "The URL must be an http:// or https:// address, such as http://127.0.0.1:11434."
                    : "The URL must be an http:// or https:// address ending where /models and /chat/completions are, such as http://127.0.0.1:8000/v1.",
                nameof(url));
        }

        var backend = new BackendRecord(
            "b-" + Guid.NewGuid().ToString("N")[..12],
            kind,
            name.Trim(),
            uri.ToString().TrimEnd('/'),
            string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim(),
            IsDefault: false);
        await repository.AddAsync(backend, cancellationToken);
        return backend;
    }

    /// <exception cref="ArgumentException">It is the built-in backend, which cannot be removed.</exception>
    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        if (id == BackendRecord.BuiltInId)
        {
            throw new ArgumentException("The built-in llama.cpp backend cannot be removed.", nameof(id));
        }

        return repository.RemoveAsync(id, cancellationToken);
    }

    public Task<bool> SetDefaultAsync(string id, CancellationToken cancellationToken = default) => repository.SetDefaultAsync(id, cancellationToken);

    /// <summary>The live backend for a saved definition.</summary>
    public IChatBackend Connect(BackendRecord backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return backend.Kind switch
        {
            BackendKind.Ollama => new OllamaBackend(backend, httpClients),
            BackendKind.OpenAI => new OpenAICompatibleBackend(backend, httpClients),
            _ => new LlamaCppBackend(backend, models, host),
        };
    }

    /// <summary>Lists the backend's models to see whether it answers; never throws for an unreachable backend.</summary>
    public async Task<BackendProbe> TestAsync(BackendRecord backend, CancellationToken cancellationToken = default)
    {
        try
        {
            var found = await Connect(backend).ListModelsAsync(cancellationToken);
            var message = found.Count switch
            {
                0 => "Connected, but it offers no chat models yet.",
                1 => "Connected: 1 model.",
                _ => $"Connected: {found.Count} models.",
            };
            return new BackendProbe(true, message, found);
        }
        catch (BackendUnavailableException unavailable)
        {
            return new BackendProbe(false, unavailable.Message, []);
        }
    }
}
