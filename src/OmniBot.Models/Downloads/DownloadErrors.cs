namespace OmniBot.Models.Downloads;

/// <summary>
/// Says why a network attempt failed without quoting what the remote sent: the handler's own messages can
/// carry a status line or header the server made up, and a pull's error is shown to whoever asked for it.
/// </summary>
internal static class DownloadErrors
{
    public static string Describe(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: { } status } => $"it answered {(int)status}.",
        HttpRequestException http => Describe(http.HttpRequestError),
        HttpIOException io => Describe(io.HttpRequestError),
        OperationCanceledException => "it timed out.",

        // Other I/O failures are this machine's own words (a reset connection, or a range cut short).
        IOException io => io.Message,
        _ => "the request failed.",
    };

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name did not resolve.",
        HttpRequestError.ConnectionError => "the connection could not be made.",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed.",
        HttpRequestError.HttpProtocolError or HttpRequestError.InvalidResponse => "the answer was not valid HTTP.",
        HttpRequestError.ResponseEnded => "the connection closed before the answer was complete.",
        HttpRequestError.ConfigurationLimitExceeded => "the answer's headers were too large.",
        HttpRequestError.ProxyTunnelError => "the proxy refused the connection.",
        _ => "the request failed.",
    };
}
