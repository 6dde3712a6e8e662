using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace OmniBot.Api.Ollama;

/// <summary>
/// JSON as Ollama writes it: snake_case names, absent values left out. Bodies are read here rather than by
/// model binding because Ollama's clients (curl -d among them) do not always send a JSON content type.
/// </summary>
internal static class OllamaJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,

        // Answers are JSON documents, never HTML: templates and text keep their quotes and angle brackets readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // Ollama's decoder takes no numbers written as strings: "temperature": "0.5" is an error there too.
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <exception cref="OllamaApiException">The body is empty, not JSON, or has a value of the wrong type.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw new OllamaApiException(StatusCodes.Status400BadRequest, $"The request body is not valid JSON: {exception.Message} Send a JSON object such as {{\"model\": \"NAME\"}}.");
        }

        using (document)
        {
            if (JsonTextValidator.FindInvalidText(document.RootElement) is { } invalid)
            {
                throw new OllamaApiException(StatusCodes.Status400BadRequest, $"The request body has invalid text at {invalid}: bytes that are not UTF-8 or an escaped lone surrogate (\\ud800). Send UTF-8 JSON.");
            }

            T? body;
            try
            {
                body = document.RootElement.Deserialize<T>(Options);
            }
            catch (JsonException exception)
            {
                throw new OllamaApiException(StatusCodes.Status400BadRequest, Describe(exception));
            }

            return body ?? throw new OllamaApiException(StatusCodes.Status400BadRequest, "The request body is null: send a JSON object such as {\"model\": \"NAME\"}.");
        }
    }

    /// <summary>Writes one JSON object as the whole response.</summary>
    public static async Task WriteAsync<T>(HttpResponse response, T body, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, body, Options, cancellationToken).ConfigureAwait(false);
    }

    private static string Describe(JsonException exception)
    {
        // The reader's own errors (malformed JSON) come wrapped; a value of the wrong type does not.
        if (exception.InnerException is JsonException || exception.Path is null or "$")
        {
            return $"The request body is not valid JSON: {exception.Message} Send a JSON object such as {{\"model\": \"NAME\"}}.";
        }

        return $"The request body has an invalid value at {exception.Path}: {exception.Message}";
    }
}
