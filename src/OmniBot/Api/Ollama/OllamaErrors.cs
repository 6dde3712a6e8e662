using Microsoft.AspNetCore.Http;
using OmniBot.Models.Store;
using OmniBot.Server.Errors;

namespace OmniBot.Api.Ollama;

/// <summary>
/// Answers the Ollama API's own refusals as <c>{"error": "…"}</c> with their status codes. Anything else is left to
/// <see cref="ApiExceptionMiddleware"/>, which writes the same shape for <c>/api</c> paths.
/// </summary>
internal static class OllamaErrors
{
    public static async Task RunAsync(HttpContext context, Func<Task> handler)
    {
        try
        {
            await handler().ConfigureAwait(false);
        }
        catch (OllamaApiException exception) when (!context.Response.HasStarted)
        {
            await ApiErrorWriter.WriteAsync(context, new ApiError(exception.StatusCode, "invalid_request_error", exception.Message)).ConfigureAwait(false);
        }
        catch (ModelNotFoundException exception) when (!context.Response.HasStarted)
        {
            var error = OllamaApiException.ModelNotFound(exception.Model.ToString());
            await ApiErrorWriter.WriteAsync(context, new ApiError(error.StatusCode, "model_not_found", error.Message)).ConfigureAwait(false);
        }
    }

    /// <summary>The message for a failure reported inside a stream that has already started.</summary>
    public static string InStreamMessage(Exception exception) => exception switch
    {
        OllamaApiException refused => refused.Message,
        _ => ApiError.From(exception)?.Message ?? $"The server failed on this request: {exception.Message}",
    };
}
