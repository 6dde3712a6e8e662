using Microsoft.AspNetCore.Http;
using OmniBot.Server.Errors;

namespace OmniBot.Server.Management;

/// <summary>Counts every request by API (<c>openai</c>, <c>ollama</c>, <c>other</c>) and status code.</summary>
public sealed class RequestMetricsMiddleware(RequestDelegate next, ServerMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var path = context.Request.Path;
            var api = ApiErrorWriter.IsOpenAIPath(path) ? "openai" : ApiErrorWriter.IsOllamaPath(path) ? "ollama" : "other";
            metrics.RecordRequest(api, context.Response.StatusCode);
        }
    }
}
