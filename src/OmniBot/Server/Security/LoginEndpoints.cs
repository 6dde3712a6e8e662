using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OmniBot.Server.Security;

/// <summary>
/// <c>/login</c>: where a browser user of a server with an API key enters it once; it is kept in an HttpOnly,
/// SameSite=Strict cookie so the web UI's requests and its live connection carry it.
/// </summary>
public static class LoginEndpoints
{
    public const string Path = "/login";

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (string? error) => Results.Content(Page(error is not null), "text/html; charset=utf-8"));
        endpoints.MapPost(Path, async (HttpContext context, AccessPolicy policy) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Results.BadRequest("Sign in with the form at /login.");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var key = form["key"].ToString();
            if (!policy.IsApiKeyValid(key))
            {
                return Results.Redirect(Path + "?error=1");
            }

            context.Response.Cookies.Append(AccessControlMiddleware.ApiKeyCookie, key, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(30),
            });
            return Results.Redirect("/");
        }).DisableAntiforgery();
        return endpoints;
    }

    private static string Page(bool failed) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>OmniBot · sign in</title>
        <style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh}form{display:grid;gap:.75rem;min-width:18rem}</style>
        </head><body><main><h1>OmniBot</h1>
        <form method="post" action="{{Path}}">
        <label for="key">API key</label><input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
        {{(failed ? "<p role=\"alert\">" + HtmlEncoder.Default.Encode("That key is not this server's API key.") + "</p>" : string.Empty)}}
        <button type="submit">Sign in</button></form></main></body></html>
        """;
}
