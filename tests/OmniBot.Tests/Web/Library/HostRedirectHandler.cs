namespace OmniBot.Tests.Web.Library;

/// <summary>Sends requests for one host to another (a loopback server), as DNS would: tests never leave the machine.</summary>
internal sealed class HostRedirectHandler(Uri from, Uri to) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.Host == from.Host)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = to.Scheme, Host = to.Host, Port = to.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
