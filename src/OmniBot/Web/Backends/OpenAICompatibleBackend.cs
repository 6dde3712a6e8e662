using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OmniBot.Web.Persistence;
using OpenAI;

namespace OmniBot.Web.Backends;

/// <summary>A server with OpenAI's API (vLLM, llama.cpp server, OpenAI), through Microsoft.Extensions.AI.OpenAI.</summary>
public sealed class OpenAICompatibleBackend(BackendRecord definition, IHttpClientFactory httpClients) : IChatBackend
{
    public BackendRecord Definition => definition;

    /// <summary>GET {url}/models.</summary>
    public async Task<IReadOnlyList<BackendModel>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        using var http = httpClients.CreateClient(nameof(OpenAICompatibleBackend));
        http.Timeout = RemoteBackend.ListTimeout;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(RemoteBackend.BaseUri(definition), "models"));
        if (!string.IsNullOrEmpty(definition.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", definition.ApiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException("The answer has no \"data\" list of models.");
            }

            return
            [
                .. data.EnumerateArray()
                    .Where(model => model.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                    .Select(model => new BackendModel(model.GetProperty("id").GetString()!))
                    .OrderBy(model => model.Id, StringComparer.Ordinal),
            ];
        }
        catch (Exception exception) when (RemoteBackend.IsUnreachable(exception, cancellationToken))
        {
            throw RemoteBackend.Unavailable(definition, exception);
        }
    }

    public Task<ChatClientLease> OpenAsync(string model, int? contextSize, CancellationToken cancellationToken = default)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = RemoteBackend.BaseUri(definition),
            NetworkTimeout = TimeSpan.FromMinutes(10),
            // A backend that is down should say so at once, not after the SDK's backed-off retries.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(definition.ApiKey) ? "none" : definition.ApiKey), options)
            .GetChatClient(model)
            .AsIChatClient();
        return Task.FromResult(new ChatClientLease(client, () =>
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }));
    }
}
