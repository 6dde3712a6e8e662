using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace OmniBot.Server.Security;

/// <summary>
/// Caps sign-in attempts (<c>POST /login</c>) per client address, so that guessing the API key through the form
/// costs a minute per few guesses; other routes are not limited here. Over the cap the form answers 429 with
/// <c>Retry-After</c>.
/// </summary>
public static class LoginRateLimit
{
    public const int AttemptsPerWindow = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignIn(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        "login:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = AttemptsPerWindow, Window = Window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.OnRejected = RejectAsync;
        });
    }

    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(LoginEndpoints.Path, StringComparison.OrdinalIgnoreCase);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : (int)Window.TotalSeconds;
        var response = rejected.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            LoginEndpoints.Page($"Too many sign-in attempts from this address (at most {AttemptsPerWindow} a minute). Try again in {seconds} seconds."),
            cancellationToken).ConfigureAwait(false);
    }
}
