using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace OmniBot.Server.Errors;

/// <summary>
/// Writes an <see cref="ApiError"/> in the shape the caller's API uses: OpenAI's error envelope under <c>/v1</c>,
/// Ollama's <c>{"error": "…"}</c> under <c>/api</c>, and <see cref="ProblemDetails"/> elsewhere.
/// </summary>
public static class ApiErrorWriter
{
    public static bool IsOpenAIPath(PathString path) => path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase);

    public static bool IsOllamaPath(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The body for <paramref name="error"/> as the API under <paramref name="path"/> writes it.</summary>
    public static object Body(PathString path, ApiError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (IsOpenAIPath(path))
        {
            return new { error = new { message = error.Message, type = OpenAIType(error.StatusCode), param = error.Parameter, code = error.Code } };
        }

        if (IsOllamaPath(path))
        {
            return new { error = error.Message };
        }

        return new ProblemDetails { Status = error.StatusCode, Title = error.Code, Detail = error.Message };
    }

    public static Task WriteAsync(HttpContext context, ApiError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        error = ForPath(context, error);
        context.Response.StatusCode = error.StatusCode;
        var body = Body(context.Request.Path, error);
        context.Response.ContentType = body is ProblemDetails ? "application/problem+json" : "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, body.GetType(), JsonSerializerOptions.Web), context.RequestAborted);
    }

    /// <summary>An <see cref="IResult"/> for endpoint handlers.</summary>
    public static IResult Result(HttpContext context, ApiError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        error = ForPath(context, error);
        var body = Body(context.Request.Path, error);
        return body is ProblemDetails problem ? Results.Problem(problem) : Results.Json(body, statusCode: error.StatusCode);
    }

    /// <summary>Ollama's clients expect 503 where OpenAI's expect 429 for a busy server; both get Retry-After.</summary>
    private static ApiError ForPath(HttpContext context, ApiError error)
    {
        if (error.StatusCode == StatusCodes.Status429TooManyRequests && IsOllamaPath(context.Request.Path))
        {
            error = error with { StatusCode = StatusCodes.Status503ServiceUnavailable };
        }

        if (error.StatusCode is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = ApiError.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return error;
    }

    private static string OpenAIType(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status404NotFound => "not_found_error",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };
}
