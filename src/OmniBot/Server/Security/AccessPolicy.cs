using System.Security.Cryptography;
using System.Text;

namespace OmniBot.Server.Security;

/// <summary>
/// Who may call the server: the Host header must name this machine (stops DNS rebinding), a browser Origin must be
/// this server itself or an allowed origin (stops drive-by requests from web pages, including pages of other local
/// servers on other ports), and the API key must match when one is set.
/// </summary>
public sealed class AccessPolicy
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "::1", "[::1]"];
    private readonly byte[]? _apiKey;
    private readonly HashSet<string> _hosts;
    private readonly HashSet<string> _origins;
    private readonly bool _anyHost;

    public AccessPolicy(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _apiKey = string.IsNullOrEmpty(options.ApiKey) ? null : Encoding.UTF8.GetBytes(options.ApiKey);
        _anyHost = !options.IsLoopback && options.AllowedHosts.Count == 0;
        _hosts = new HashSet<string>([.. LoopbackHosts, options.Host, .. options.AllowedHosts], StringComparer.OrdinalIgnoreCase);
        _origins = new HashSet<string>(options.AllowedOrigins.Select(origin => origin.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
    }

    public bool RequiresApiKey => _apiKey is not null;

    /// <summary>Whether <paramref name="host"/> (the Host header's name, without port) names this server.</summary>
    public bool IsHostAllowed(string host) => _anyHost || _hosts.Contains(host);

    /// <summary>
    /// Whether a page from <paramref name="origin"/> may call this server, reached as <paramref name="requestScheme"/>
    /// and Host <paramref name="requestHost"/>: the server's own origin and the configured ones may, nothing else.
    /// </summary>
    public bool IsOriginAllowed(string origin, string requestScheme, string requestHost) =>
        _origins.Contains("*") || _origins.Contains(origin.TrimEnd('/')) || IsSameOrigin(origin, requestScheme, requestHost);

    /// <summary>Whether <paramref name="origin"/> is exactly this server (scheme, host and port) as the request reached it.</summary>
    public static bool IsSameOrigin(string origin, string requestScheme, string requestHost) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var page)
        && page.Scheme is ("http" or "https")
        && Uri.TryCreate($"{requestScheme}://{requestHost}", UriKind.Absolute, out var server)
        && string.Equals(page.Scheme, server.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(page.Host, server.Host, StringComparison.OrdinalIgnoreCase)
        && page.Port == server.Port;

    /// <summary>Compares in constant time so the key cannot be guessed from response timings.</summary>
    public bool IsApiKeyValid(string? presented) =>
        _apiKey is null || (presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _apiKey));
}
