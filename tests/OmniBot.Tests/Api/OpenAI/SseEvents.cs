using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace OmniBot.Tests.Api.OpenAI;

/// <summary>Reads a server-sent event stream with .NET's own SSE parser.</summary>
internal static class SseEvents
{
    public const string Done = "[DONE]";

    public static async Task<List<string>> ReadDataAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var events = new List<string>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            events.Add(item.Data);
        }

        return events;
    }

    /// <summary>The chunks before <c>[DONE]</c> as JSON documents.</summary>
    public static List<JsonElement> Chunks(IEnumerable<string> events) =>
        events.TakeWhile(data => data != Done).Select(data => JsonDocument.Parse(data).RootElement.Clone()).ToList();

    /// <summary>The streamed text of a chat completion: every delta's content joined.</summary>
    public static string ChatText(IEnumerable<JsonElement> chunks)
    {
        var text = new StringBuilder();
        foreach (var chunk in chunks)
        {
            foreach (var choice in chunk.GetProperty("choices").EnumerateArray())
            {
                if (choice.GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    text.Append(content.GetString());
                }
            }
        }

        return text.ToString();
    }
}
