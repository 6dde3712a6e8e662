using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OmniBot.Tests.Api.Ollama;

/// <summary>Raw HTTP against the Ollama API: bodies sent as given, NDJSON answers split into parsed lines.</summary>
internal static class OllamaHttp
{
    /// <summary>Sends <paramref name="body"/> as it is, with curl's default content type as many Ollama callers do.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string body, CancellationToken cancellationToken = default)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return client.SendAsync(new HttpRequestMessage(method, path) { Content = content }, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Post, path, body, cancellationToken);

    public static async Task<List<JsonElement>> ReadLinesAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        var body = await ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        return body.GetProperty("error").GetString()!;
    }
}
