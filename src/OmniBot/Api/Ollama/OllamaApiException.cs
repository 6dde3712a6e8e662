namespace OmniBot.Api.Ollama;

/// <summary>A request the Ollama API refuses, with the status code to answer and a message that says what to fix.</summary>
internal sealed class OllamaApiException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static OllamaApiException BadRequest(string message) => new(Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest, message);

    /// <summary>Ollama's wording, which its clients show as it is.</summary>
    public static OllamaApiException ModelNotFound(string model) =>
        new(Microsoft.AspNetCore.Http.StatusCodes.Status404NotFound, $"model '{model}' not found, try pulling it first");
}
