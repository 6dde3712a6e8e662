using System.Net;
using System.Net.Sockets;

namespace OmniBot.Models.Downloads;

/// <summary>
/// Where a pull's HTTP requests may go. <see cref="Unrestricted"/> is for <c>omnibot pull</c> (a user on this
/// machine may fetch from anywhere, a LAN mirror included); <see cref="PublicOnly"/> is for pulls requested over
/// HTTP, which must never reach this machine or its network (SSRF). The address rule is applied when each
/// connection is made, to the addresses the name resolved to at that moment, so a name that resolves to a public
/// address when checked and to a private one when used (DNS rebinding) still cannot reach the private one.
/// Redirects are followed here rather than by the handler: at most <see cref="MaxRedirects"/>, never from https to http.
/// </summary>
public sealed class PullNetworkPolicy
{
    public const int DefaultMaxRedirects = 5;

    public static PullNetworkPolicy Unrestricted { get; } = new() { AllowPrivateAddresses = true };

    public static PullNetworkPolicy PublicOnly { get; } = new();

    /// <summary>Whether loopback, private, link-local and other non-public addresses may be reached.</summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>Redirects followed for one request (a Hugging Face download takes one, to its CDN).</summary>
    public int MaxRedirects { get; init; } = DefaultMaxRedirects;

    /// <summary>Resolves a host name to the addresses to try; the system resolver unless replaced (split-horizon DNS).</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>> ResolveHost { get; init; } = Dns.GetHostAddressesAsync;

    /// <summary>
    /// Opens the TCP connection to an address that passed the rules; a socket unless set. A seam for tests, which
    /// reach a loopback server through a public-looking address without leaving the machine.
    /// </summary>
    internal Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? OpenConnection { get; init; }

    /// <summary>An HTTP client for pulls under this policy (no timeout: a download takes as long as it takes).</summary>
    public HttpClient CreateHttpClient()
    {
        var client = new HttpClient(CreateRedirectHandler(CreateConnectionHandler())) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("omnibot/1.0");
        return client;
    }

    /// <summary>The handler that follows redirects under this policy; put it above <see cref="CreateConnectionHandler"/>.</summary>
    public DelegatingHandler CreateRedirectHandler(HttpMessageHandler? innerHandler = null)
    {
        var handler = new PullRedirectHandler(this);
        if (innerHandler is not null)
        {
            handler.InnerHandler = innerHandler;
        }

        return handler;
    }

    /// <summary>
    /// The connection handler: no automatic redirects, every connection checked against the address rule. Under
    /// <see cref="PublicOnly"/> no proxy is used, since the rule can be applied only to a connection made here.
    /// </summary>
    public SocketsHttpHandler CreateConnectionHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = AllowPrivateAddresses,
        UseCookies = false,
        ConnectCallback = ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// Refuses at once a URL whose host is a non-public IP literal or a localhost name, before any request; a host
    /// name is left to the check at connect time.
    /// </summary>
    /// <exception cref="PullRefusedException">The host is a loopback, private or other non-public address.</exception>
    public void EnsureAllowed(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (AllowPrivateAddresses)
        {
            return;
        }

        var host = uri.IdnHost.Trim('[', ']').TrimEnd('.');
        if (IPAddress.TryParse(host, out var literal) && PullAddressRules.RestrictedKind(literal) is { } kind)
        {
            throw PullRefusedException.RestrictedAddress(host, literal, kind);
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw PullRefusedException.RestrictedAddress(host, IPAddress.Loopback, "loopback");
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var candidates = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await ResolveHost(host, cancellationToken).ConfigureAwait(false);
        var allowed = AllowPrivateAddresses ? candidates : [.. candidates.Where(PullAddressRules.IsPublic)];
        if (allowed.Length == 0)
        {
            if (candidates.Length == 0)
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }

            throw PullRefusedException.RestrictedAddress(host, candidates[0], PullAddressRules.RestrictedKind(candidates[0])!);
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            try
            {
                var endPoint = new IPEndPoint(address, context.DnsEndPoint.Port);
                return OpenConnection is { } open
                    ? await open(endPoint, cancellationToken).ConfigureAwait(false)
                    : await OpenSocketAsync(endPoint, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                last = ex;
            }
        }

        throw last!;
    }

    private static async ValueTask<Stream> OpenSocketAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
