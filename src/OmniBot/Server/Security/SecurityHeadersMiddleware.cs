using Microsoft.AspNetCore.Http;

namespace OmniBot.Server.Security;

/// <summary>
/// Headers on every response that keep the UI from leaking or being abused by other pages: a Content-Security-Policy
/// that loads scripts, images and connections from this server only (so model output cannot make the browser fetch a
/// remote image or run inline script) and forbids framing, plus nosniff, no referrer to other sites and no DNS
/// prefetching of the hosts that links in replies name.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>
    /// Blazor interactive server needs only its own script file and a same-origin WebSocket ('self' covers ws: to the
    /// same host). Styles allow 'unsafe-inline' because Blazor's reconnect UI and style attributes such as the download
    /// progress bar are inline; inline style cannot run script or fetch past img-src.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self'; connect-src 'self'; media-src 'none'; object-src 'none'; frame-src 'none'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Set as the response starts, so that handlers which reset the response (errors, re-executed status pages) keep them.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // Not no-referrer: under it the browser sends "Origin: null" with same-origin form posts, which access control refuses.
            headers["Referrer-Policy"] = "same-origin";
            headers["X-DNS-Prefetch-Control"] = "off";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
