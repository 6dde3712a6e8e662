using System.Net;

namespace OmniBot.Models.Downloads;

/// <summary>
/// A pull broke the rules of its <see cref="PullNetworkPolicy"/> (a non-public address, a redirect that
/// downgrades to plain http or never ends) or named a file on the server; nothing was downloaded.
/// </summary>
public sealed class PullRefusedException : ModelDownloadException
{
    public PullRefusedException(string message)
        : base(message)
    {
    }

    public PullRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static PullRefusedException RestrictedAddress(string host, IPAddress address, string kind) => new(
        $"Pulls requested over HTTP may not reach {kind} address {address} (host '{host}'). "
        + "To pull from your own mirror, run `omnibot serve --allow-private-pulls`; `omnibot pull` on this machine is not restricted.");

    internal static PullRefusedException TooManyRedirects(Uri start, int limit) => new(
        $"'{start.Host}' redirected more than {limit} times; the pull was stopped. Give the final URL instead.");

    internal static PullRefusedException Downgrade(Uri from, Uri to) => new(
        $"'{from.Host}' redirected from https to plain http ('{to.Host}'); a pull never leaves TLS once it uses it.");

    internal static PullRefusedException UnsupportedRedirect(Uri from, string scheme) => new(
        $"'{from.Host}' redirected to a '{scheme}:' address; pulls follow only http and https redirects.");

    /// <summary>The refusal of a source that is neither a catalog name, an hf: source nor an http(s) URL (a path on the server, say).</summary>
    public static PullRefusedException NotRemote(string text) => new(
        $"'{text}' is not something a pull over HTTP takes: give a catalog name, an hf: source or an http(s) URL. "
        + "Files on the server's own disk are added there with `omnibot import`.");
}
