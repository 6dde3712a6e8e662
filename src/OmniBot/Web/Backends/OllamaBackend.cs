using OllamaSharp;
using OmniBot.Web.Persistence;

namespace OmniBot.Web.Backends;

/// <summary>An Ollama server, through OllamaSharp (whose client is an <see cref="Microsoft.Extensions.AI.IChatClient"/>).</summary>
public sealed class OllamaBackend(BackendRecord definition, IHttpClientFactory httpClients) : IChatBackend
{
    public BackendRecord Definition => definition;

    public async Task<IReadOnlyList<BackendModel>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        using var http = CreateHttpClient(RemoteBackend.ListTimeout);
        using var client = new OllamaApiClient(http);
        try
        {
            var models = await client.ListLocalModelsAsync(cancellationToken);
            return
            [
                .. models.Select(model => new BackendModel(model.Name)
                {
                    SizeBytes = model.Size,
                    ParameterSize = model.Details?.ParameterSize,
                    Quantization = model.Details?.QuantizationLevel,
                }).OrderBy(model => model.Id, StringComparer.Ordinal),
            ];
        }
        catch (Exception exception) when (RemoteBackend.IsUnreachable(exception, cancellationToken))
        {
            throw RemoteBackend.Unavailable(definition, exception);
        }
    }

    public Task<ChatClientLease> OpenAsync(string model, int? contextSize, CancellationToken cancellationToken = default)
    {
        var http = CreateHttpClient(Timeout.InfiniteTimeSpan);
        var client = new OllamaApiClient(http, model);
        return Task.FromResult(new ChatClientLease(client, () =>
        {
            client.Dispose();
            http.Dispose();
            return ValueTask.CompletedTask;
        }));
    }

    private HttpClient CreateHttpClient(TimeSpan timeout)
    {
        var http = httpClients.CreateClient(nameof(OllamaBackend));
        http.BaseAddress = RemoteBackend.BaseUri(definition);
        http.Timeout = timeout;
        return http;
    }
}
