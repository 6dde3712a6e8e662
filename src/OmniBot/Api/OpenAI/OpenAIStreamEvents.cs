using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OmniBot.Server.Errors;

namespace OmniBot.Api.OpenAI;

/// <summary>The events that frame OpenAI's streams besides the chunks: the closing <c>[DONE]</c>, and an in-stream error.</summary>
internal static partial class OpenAIStreamEvents
{
    /// <summary>The last event of a stream that ended normally.</summary>
    public const string Done = "[DONE]";

    /// <summary>
    /// A failure after a stream has started can no longer change the status code: it is sent as one last event
    /// <c>{"error": {...}}</c> in OpenAI's envelope, and the stream ends without <see cref="Done"/> so clients see it was cut short.
    /// </summary>
    public static string Error(HttpContext context, Exception exception, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        var error = ApiError.From(exception);
        if (error is null)
        {
            LogStreamFailed(logger, exception, context.Request.Path);
            error = new ApiError(StatusCodes.Status500InternalServerError, "internal_error", $"The server failed while streaming the answer: {exception.Message}");
        }

        return JsonSerializer.Serialize(ApiErrorWriter.Body(context.Request.Path, error), JsonSerializerOptions.Web);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A stream of {Path} failed after it had started")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, PathString path);
}
