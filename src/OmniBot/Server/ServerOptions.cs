using System.Net;
using OmniBot.Engine.Hosting;
using OmniBot.Server.Pulls;

namespace OmniBot.Server;

/// <summary>How <c>omnibot serve</c> listens, who may call it, and how it hosts models.</summary>
public sealed record ServerOptions
{
    public const int DefaultPort = 11435;
    public const string ApiKeyEnvironmentVariable = "OMNIBOT_API_KEY";

    /// <summary>The address to bind; loopback by default so nothing off this machine can reach the server.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>When set, every route needs <c>Authorization: Bearer KEY</c>; required when binding off loopback.</summary>
    public string? ApiKey { get; init; }

    /// <summary>A certificate (PEM, or PFX without a password) to serve HTTPS with; null serves plain HTTP.</summary>
    public string? TlsCertificatePath { get; init; }

    /// <summary>The PEM private key of <see cref="TlsCertificatePath"/>, when it is not in the certificate's own file.</summary>
    public string? TlsKeyPath { get; init; }

    /// <summary>Extra origins (<c>https://app.example</c>) allowed to call the API from a browser; same-origin pages always are.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Extra host names the server answers to (besides localhost and loopback addresses), against DNS rebinding.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>The model store folder; null means <c>$OMNIBOT_HOME/models</c> or <c>~/.omnibot/models</c>.</summary>
    public string? ModelsDirectory { get; init; }

    /// <summary>The app's data folder (SQLite database, prompt cache); null means <c>$OMNIBOT_HOME</c> or <c>~/.omnibot</c>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Loading, keep-alive, slots and context of the hosted models.</summary>
    public ModelHostOptions Models { get; init; } = new();

    /// <summary>What pulls requested over HTTP may reach, how many run at once, how large a file they take.</summary>
    public PullOptions Pulls { get; init; } = new();

    public bool IsLoopback => Host is "localhost" || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));

    /// <exception cref="ArgumentException">An option is invalid; the message names it and the fix.</exception>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"--port must be between 0 and 65535, not {Port}.", nameof(Port));
        }

        if (Host is not "localhost" && !IPAddress.TryParse(Host, out _))
        {
            throw new ArgumentException($"--host must be an IP address to bind (127.0.0.1, 0.0.0.0, ::1) or localhost, not '{Host}'.", nameof(Host));
        }

        if (!IsLoopback && string.IsNullOrEmpty(ApiKey))
        {
            throw new ArgumentException(
                $"Binding to {Host} exposes the server to other machines, so an API key is required: pass --api-key-file (or --api-key) or set {ApiKeyEnvironmentVariable}.",
                nameof(ApiKey));
        }

        if (TlsKeyPath is not null && TlsCertificatePath is null)
        {
            throw new ArgumentException("--tls-key is the key of a certificate: pass the certificate with --tls-cert too.", nameof(TlsKeyPath));
        }

        if (MaxRequestBodyBytes < 1024)
        {
            throw new ArgumentException("The request size limit must be at least 1024 bytes.", nameof(MaxRequestBodyBytes));
        }

        Models.Validate();
        Pulls.Validate();
    }
}
