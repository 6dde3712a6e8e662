using System.Net;

namespace OmniBot.Models.Downloads;

/// <summary>
/// Follows redirects of GET and HEAD requests for a <see cref="PullNetworkPolicy"/>: each hop is a new request
/// through the inner handler (whose connections check the address rule again), at most the policy's number of
/// hops, never from https to plain http. Range and other headers go with every hop; credentials only to the same
/// origin, so a Hugging Face token never reaches the CDN it redirects to.
/// </summary>
internal sealed class PullRedirectHandler(PullNetworkPolicy policy) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = request;
        try
        {
            for (var hop = 0; ; hop++)
            {
                var response = await SendOnceAsync(current, cancellationToken).ConfigureAwait(false);
                if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location
                    || (current.Method != HttpMethod.Get && current.Method != HttpMethod.Head))
                {
                    return response;
                }

                var from = current.RequestUri!;
                var target = location.IsAbsoluteUri ? location : new Uri(from, location);
                response.Dispose();
                if (hop >= policy.MaxRedirects)
                {
                    throw PullRefusedException.TooManyRedirects(request.RequestUri!, policy.MaxRedirects);
                }

                if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
                {
                    throw PullRefusedException.UnsupportedRedirect(from, target.Scheme);
                }

                if (from.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
                {
                    throw PullRefusedException.Downgrade(from, target);
                }

                policy.EnsureAllowed(target);
                var next = NextHop(current, target);
                if (!ReferenceEquals(current, request))
                {
                    current.Dispose();
                }

                current = next;
            }
        }
        finally
        {
            if (!ReferenceEquals(current, request))
            {
                current.Dispose();
            }
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is PullRefusedException refused)
        {
            // The connection handler wraps what its connect step throws; the refusal is the news, not the wrapper.
            throw new PullRefusedException(refused.Message, ex);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static HttpRequestMessage NextHop(HttpRequestMessage current, Uri target)
    {
        var next = new HttpRequestMessage(current.Method, target) { Version = current.Version, VersionPolicy = current.VersionPolicy };
        var sameOrigin = Uri.Compare(current.RequestUri, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        foreach (var header in current.Headers)
        {
            if (sameOrigin || !header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var option in current.Options)
        {
            next.Options.TryAdd(option.Key, option.Value);
        }

        return next;
    }
}
