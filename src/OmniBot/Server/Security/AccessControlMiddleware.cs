using Microsoft.AspNetCore.Http;
using OmniBot.Server.Errors;

namespace OmniBot.Server.Security;

/// <summary>
/// Applies the <see cref="AccessPolicy"/> to every request before any endpoint runs, answers CORS preflights for
/// allowed origins, and takes the API key from <c>Authorization: Bearer</c> or <c>x-api-key</c>, or a session of
/// <see cref="LoginSessions"/> from the UI's login cookie.
/// </summary>
public sealed class AccessControlMiddleware(RequestDelegate next, AccessPolicy policy, LoginSessions sessions)
{
    public const string SessionCookie = "omnibot_session";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!policy.IsHostAllowed(request.Host.Host))
        {
            await ApiErrorWriter.WriteAsync(context, new ApiError(
                StatusCodes.Status403Forbidden,
                "host_not_allowed",
                $"Host '{request.Host.Host}' is not a name of this server. Use http://127.0.0.1 or http://localhost, or allow the name with --allowed-host.")).ConfigureAwait(false);
            return;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            if (!policy.IsOriginAllowed(origin, request.Scheme, request.Host.Value ?? string.Empty))
            {
                await ApiErrorWriter.WriteAsync(context, new ApiError(
                    StatusCodes.Status403Forbidden,
                    "origin_not_allowed",
                    $"Web pages from {origin} may not call this server (only its own pages may). Allow the origin with --allowed-origin if it is yours.")).ConfigureAwait(false);
                return;
            }

            context.Response.Headers.AccessControlAllowOrigin = origin;
            context.Response.Headers.Vary = "Origin";
            if (HttpMethods.IsOptions(request.Method) && request.Headers.AccessControlRequestMethod.Count > 0)
            {
                context.Response.Headers.AccessControlAllowMethods = "GET, POST, PUT, DELETE, OPTIONS";
                context.Response.Headers.AccessControlAllowHeaders = "Authorization, Content-Type, X-Api-Key";
                context.Response.Headers.AccessControlMaxAge = "600";
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
        }

        if (policy.RequiresApiKey && !IsSignInRoute(request.Path) && !IsAuthenticated(request))
        {
            if (IsPageVisit(request))
            {
                context.Response.Redirect(LoginEndpoints.Path);
                return;
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiErrorWriter.WriteAsync(context, new ApiError(
                StatusCodes.Status401Unauthorized,
                "invalid_api_key",
                "This server needs an API key: send 'Authorization: Bearer KEY' (the key given to omnibot serve with --api-key-file, --api-key or OMNIBOT_API_KEY), or sign in at /login.")).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool IsSignInRoute(PathString path) =>
        path.Equals(LoginEndpoints.Path, StringComparison.OrdinalIgnoreCase) || path.Equals(LoginEndpoints.LogoutPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>A person opening a page of the UI (not an API client), who is better served by the sign-in form than by a 401.</summary>
    private static bool IsPageVisit(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !ApiErrorWriter.IsOpenAIPath(request.Path)
        && !ApiErrorWriter.IsOllamaPath(request.Path)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private bool IsAuthenticated(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return policy.IsApiKeyValid(authorization["Bearer ".Length..].Trim());
        }

        var header = request.Headers["x-api-key"].ToString();
        if (header.Length > 0)
        {
            return policy.IsApiKeyValid(header);
        }

        return request.Cookies[SessionCookie] is { } token && IsFromThisServersPages(request) && sessions.IsValid(token);
    }

    /// <summary>
    /// The cookie is the browser's, not the caller's: SameSite=Strict still sends it from pages of other local servers
    /// (another port is the same site), so it counts only for this server's own pages and for navigations to it.
    /// Configured origins call with the key, as any other API client does.
    /// </summary>
    private static bool IsFromThisServersPages(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !AccessPolicy.IsSameOrigin(origin, request.Scheme, request.Host.Value ?? string.Empty))
        {
            return false;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site is "" or "same-origin" or "none"
            || (HttpMethods.IsGet(request.Method) && request.Headers["Sec-Fetch-Mode"].ToString() == "navigate");
    }
}
