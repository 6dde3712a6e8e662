using Microsoft.AspNetCore.Http;
using OmniBot.Server.Errors;

namespace OmniBot.Server.Security;

/// <summary>
/// Applies the <see cref="AccessPolicy"/> to every request before any endpoint runs, answers CORS preflights for
/// allowed origins, and takes the API key from <c>Authorization: Bearer</c>, <c>x-api-key</c> or the UI's login cookie.
/// </summary>
public sealed class AccessControlMiddleware(RequestDelegate next, AccessPolicy policy)
{
    public const string ApiKeyCookie = "omnibot_api_key";

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
            if (!policy.IsOriginAllowed(origin, request.Host.Value ?? string.Empty))
            {
                await ApiErrorWriter.WriteAsync(context, new ApiError(
                    StatusCodes.Status403Forbidden,
                    "origin_not_allowed",
                    $"Web pages from {origin} may not call this server. Allow the origin with --allowed-origin if it is yours.")).ConfigureAwait(false);
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

        if (policy.RequiresApiKey && !IsLoginPage(request.Path) && !policy.IsApiKeyValid(PresentedKey(request)))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiErrorWriter.WriteAsync(context, new ApiError(
                StatusCodes.Status401Unauthorized,
                "invalid_api_key",
                "This server needs an API key: send 'Authorization: Bearer KEY' (the key given to omnibot serve with --api-key or OMNIBOT_API_KEY), or sign in at /login.")).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool IsLoginPage(PathString path) => path.Equals(LoginEndpoints.Path, StringComparison.OrdinalIgnoreCase);

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers["x-api-key"].ToString();
        return header.Length > 0 ? header : request.Cookies[ApiKeyCookie];
    }
}
