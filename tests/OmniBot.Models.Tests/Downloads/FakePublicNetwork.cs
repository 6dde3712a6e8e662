using System.Net;
using System.Net.Sockets;
using OmniBot.Models.Downloads;

namespace OmniBot.Models.Tests.Downloads;

/// <summary>
/// Stands in for the internet without leaving the machine: <see cref="PublicHost"/> and <see cref="CdnHost"/>
/// resolve to documentation addresses (public as far as the address rule can tell), and a connection to one of
/// those goes to the same port on loopback. <see cref="LoopbackName"/> and <see cref="IntranetName"/> resolve to
/// loopback and a private address, as a hostile or rebinding DNS name would. Other names resolve as usual.
/// </summary>
internal static class FakePublicNetwork
{
    public const string PublicHost = "public.example";
    public const string CdnHost = "cdn.example";
    public const string LoopbackName = "mirror.example";
    public const string IntranetName = "intranet.example";

    private static readonly IPAddress PublicAddress = IPAddress.Parse("203.0.113.10");
    private static readonly IPAddress CdnAddress = IPAddress.Parse("203.0.113.11");

    private static readonly Dictionary<string, IPAddress> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        [PublicHost] = PublicAddress,
        [CdnHost] = CdnAddress,
        [LoopbackName] = IPAddress.Loopback,
        [IntranetName] = IPAddress.Parse("10.0.0.5"),
    };

    /// <summary>The policy of a server without <c>--allow-private-pulls</c>, on this fake network.</summary>
    public static PullNetworkPolicy PublicOnly(int maxRedirects = PullNetworkPolicy.DefaultMaxRedirects) => new()
    {
        MaxRedirects = maxRedirects,
        ResolveHost = (host, cancellationToken) => Names.TryGetValue(host, out var address)
            ? Task.FromResult(new[] { address })
            : Dns.GetHostAddressesAsync(host, cancellationToken),
        OpenConnection = ConnectAsync,
    };

    /// <summary>A URL on <paramref name="host"/> at the port of <paramref name="server"/>.</summary>
    public static Uri At(string host, LoopbackModelServer server, string path) => new($"http://{host}:{server.BaseUri.Port}{path}");

    private static async ValueTask<Stream> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var routed = endPoint.Address.Equals(PublicAddress) || endPoint.Address.Equals(CdnAddress)
            ? new IPEndPoint(IPAddress.Loopback, endPoint.Port)
            : endPoint;
        var socket = new Socket(routed.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(routed, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
