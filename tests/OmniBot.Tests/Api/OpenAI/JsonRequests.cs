using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>Raw HTTP calls with hand-written bodies, as a client that does not use an SDK sends them.</summary>
internal static class JsonRequests
{
    public static HttpRequestMessage Post(string path, string json) => new(HttpMethod.Post, new Uri(path, UriKind.Relative))
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };

    public static HttpRequestMessage Post(string path, JsonNode body) => Post(path, body.ToJsonString());

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<JsonElement> PostOkAsync(HttpClient client, string path, JsonNode body)
    {
        using var request = Post(path, body);
        var (response, json) = await SendAsync(client, request);
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {json}");
        }

        return json;
    }

    public static JsonObject Chat(string model, string user, int maxTokens = 12) => new()
    {
        ["model"] = model,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = user }),
        ["temperature"] = 0,
        ["max_tokens"] = maxTokens,
    };

    public static string? Content(JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
}
