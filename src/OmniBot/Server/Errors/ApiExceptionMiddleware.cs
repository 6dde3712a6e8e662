using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OmniBot.Server.Errors;

/// <summary>
/// Turns an exception escaping an endpoint into its API's error shape, so a bad request never takes down
/// the server or leaks a stack trace. A client that went away gets nothing; a started stream is left to end.
/// </summary>
public sealed partial class ApiExceptionMiddleware(RequestDelegate next, ILogger<ApiExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogClientGone(context.Request.Path);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            var error = ApiError.From(exception);
            if (error is null)
            {
                LogUnexpected(exception, context.Request.Path);
                error = new ApiError(StatusCodes.Status500InternalServerError, "internal_error", $"The server failed on this request: {exception.Message}");
            }

            await ApiErrorWriter.WriteAsync(context, error).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client left {Path} before the answer was complete")]
    private partial void LogClientGone(PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Path}")]
    private partial void LogUnexpected(Exception exception, PathString path);
}
