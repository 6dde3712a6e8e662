using OmniBot.Models.Downloads;

namespace OmniBot.Server.Pulls;

/// <summary>What pulls requested over HTTP (the Ollama API, the web UI) may do.</summary>
public sealed record PullOptions
{
    public const int DefaultMaxConcurrentPulls = 4;

    /// <summary>
    /// Whether those pulls may reach loopback, private and link-local addresses (<c>--allow-private-pulls</c>),
    /// for people who run their own mirror. Off, a request cannot make the server fetch from its own network.
    /// </summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>Pulls running at once; starting another answers "too many pulls" until one ends.</summary>
    public int MaxConcurrentPulls { get; init; } = DefaultMaxConcurrentPulls;

    /// <summary>The largest file one pull downloads, announced or received.</summary>
    public long MaxFileBytes { get; init; } = ModelDownloaderOptions.DefaultMaxFileBytes;

    public PullNetworkPolicy NetworkPolicy => AllowPrivateAddresses ? PullNetworkPolicy.Unrestricted : PullNetworkPolicy.PublicOnly;

    /// <exception cref="ArgumentException">A limit is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxConcurrentPulls < 1)
        {
            throw new ArgumentException($"The number of pulls at once must be at least 1, not {MaxConcurrentPulls}.", nameof(MaxConcurrentPulls));
        }

        if (MaxFileBytes < 1024 * 1024)
        {
            throw new ArgumentException($"The pull size limit must be at least 1 MiB, not {MaxFileBytes:N0} bytes.", nameof(MaxFileBytes));
        }
    }
}
