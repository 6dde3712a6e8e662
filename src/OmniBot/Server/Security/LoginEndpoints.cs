using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OmniBot.Server.Security;

/// <summary>
/// <c>/login</c>: where a browser user of a server with an API key enters it once. The browser gets a session token
/// (see <see cref="LoginSessions"/>), never the key, in an HttpOnly, SameSite=Strict cookie (Secure over HTTPS) that
/// the web UI's requests and its live connection carry; <c>POST /logout</c> revokes it.
/// </summary>
public static class LoginEndpoints
{
    public const string Path = "/login";
    public const string LogoutPath = "/logout";

    /// <summary>The cookie of OmniBot versions that kept the API key itself in the browser; removed at sign-in and sign-out.</summary>
    private const string LegacyApiKeyCookie = "omnibot_api_key";

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (string? error) => Results.Content(Page(error is null ? null : "That key is not this server's API key."), "text/html; charset=utf-8"));
        endpoints.MapPost(Path, async (HttpContext context, AccessPolicy policy, LoginSessions sessions) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Results.BadRequest("Sign in with the form at /login.");
            }

            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is InvalidDataException or (IOException and not BadHttpRequestException))
            {
                return Results.BadRequest($"The sign-in form could not be read ({exception.Message}). Sign in with the form at /login.");
            }

            if (!policy.IsApiKeyValid(form["key"].ToString()))
            {
                return Results.Redirect(Path + "?error=1");
            }

            DeleteLegacyCookie(context);
            context.Response.Cookies.Append(AccessControlMiddleware.SessionCookie, sessions.Create(), CookieOptions(context, LoginSessions.Lifetime));
            return Results.Redirect("/");
        }).DisableAntiforgery();
        endpoints.MapPost(LogoutPath, (HttpContext context, LoginSessions sessions) =>
        {
            sessions.Revoke(context.Request.Cookies[AccessControlMiddleware.SessionCookie]);
            DeleteLegacyCookie(context);
            context.Response.Cookies.Delete(AccessControlMiddleware.SessionCookie, CookieOptions(context, maxAge: null));
            return Results.Redirect(Path);
        }).DisableAntiforgery();
        return endpoints;
    }

    /// <summary>The sign-in form, with <paramref name="alert"/> (plain text) above its button when set.</summary>
    internal static string Page(string? alert) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>OmniBot · sign in</title>
        <style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh}form{display:grid;gap:.75rem;min-width:18rem}</style>
        </head><body><main><h1>OmniBot</h1>
        <form method="post" action="{{Path}}">
        <label for="key">API key</label><input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
        {{(alert is null ? string.Empty : "<p role=\"alert\">" + HtmlEncoder.Default.Encode(alert) + "</p>")}}
        <button type="submit">Sign in</button></form></main></body></html>
        """;

    private static void DeleteLegacyCookie(HttpContext context)
    {
        if (context.Request.Cookies.ContainsKey(LegacyApiKeyCookie))
        {
            context.Response.Cookies.Delete(LegacyApiKeyCookie);
        }
    }

    private static CookieOptions CookieOptions(HttpContext context, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        IsEssential = true,
        Path = "/",
        MaxAge = maxAge,
    };
}
