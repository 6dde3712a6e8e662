using System.Net.Sockets;
using System.Text.Json;
using OmniBot.Web.Persistence;

namespace OmniBot.Web.Backends;

/// <summary>What the remote backends share: short listing timeouts, base addresses, and failures worded for the user.</summary>
internal static class RemoteBackend
{
    /// <summary>Listing models is what the page waits on, so a silent server must not hold it long.</summary>
    public static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The backend's URL with a trailing slash, so that relative paths append to it.</summary>
    public static Uri BaseUri(BackendRecord backend)
    {
        var url = backend.Url ?? throw new BackendUnavailableException($"The backend '{backend.Name}' has no URL. Remove it and add it again with one.");
        return new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
    }

    /// <summary>Failures that mean "not reachable or not this kind of server", as opposed to the caller cancelling.</summary>
    public static bool IsUnreachable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or SocketException or JsonException or IOException or InvalidOperationException or NotSupportedException => true,
        _ => exception.GetType().Namespace?.StartsWith("OllamaSharp", StringComparison.Ordinal) == true,
    };

    public static BackendUnavailableException Unavailable(BackendRecord backend, Exception exception)
    {
        var kind = backend.Kind == Backends.BackendKind.Ollama ? "Ollama" : "OpenAI-compatible";
        var reason = exception switch
        {
            OperationCanceledException => $"no answer within {ListTimeout.TotalSeconds:0} seconds",
            HttpRequestException { StatusCode: { } status } => $"it answered HTTP {(int)status} ({status})",
            JsonException => "its answer is not what a " + kind + " server sends",
            _ => exception.GetBaseException().Message,
        };
        return new BackendUnavailableException(
            $"Cannot reach the {kind} backend '{backend.Name}' at {backend.Url}: {reason}. Check that the server is running and the URL is right, or pick another backend.",
            exception);
    }
}
