using System.Text.Json;
using OmniBot.Server;

namespace OmniBot.Api.Ollama.Requests;

/// <summary>A request's <c>keep_alive</c>, with a malformed value refused as a bad request.</summary>
internal static class OllamaKeepAlive
{
    /// <exception cref="OllamaApiException">Not a number of seconds or a duration string.</exception>
    public static TimeSpan? Parse(JsonElement? keepAlive)
    {
        try
        {
            return KeepAlive.FromJson(keepAlive);
        }
        catch (FormatException exception)
        {
            throw OllamaApiException.BadRequest($"keep_alive: {exception.Message}");
        }
    }
}
