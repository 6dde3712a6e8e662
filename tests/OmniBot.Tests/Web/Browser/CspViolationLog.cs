using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace OmniBot.Tests.Web.Browser;

/// <summary>
/// Every Content-Security-Policy violation in a browser context's pages ("img-src http://…"), reported by the page's
/// own <c>securitypolicyviolation</c> event through a Playwright binding, which the policy cannot block.
/// </summary>
internal sealed class CspViolationLog
{
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CspViolationLog()
    {
    }

    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>Completes with the first violation reported.</summary>
    public Task<string> FirstViolation => _first.Task;

    /// <summary>Starts listening on every page that <paramref name="context"/> opens from now on.</summary>
    public static async Task<CspViolationLog> ListenAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var log = new CspViolationLog();
        await context.ExposeFunctionAsync("__omnibotCspViolation", (string violation) =>
        {
            log._violations.Enqueue(violation);
            log._first.TrySetResult(violation);
        });
        await context.AddInitScriptAsync("""
            document.addEventListener("securitypolicyviolation", (event) =>
              window.__omnibotCspViolation(event.effectiveDirective + " " + event.blockedURI));
            """);
        return log;
    }
}
