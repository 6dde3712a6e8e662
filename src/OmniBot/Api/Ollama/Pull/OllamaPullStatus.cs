namespace OmniBot.Api.Ollama.Pull;

/// <summary>One progress line of a pull: a step ("pulling manifest", "success"), or a file's bytes so far.</summary>
public sealed record OllamaPullStatus(string Status)
{
    /// <summary>Which file the byte counts are for (its name: its sha256 is known only once it is verified).</summary>
    public string? Digest { get; init; }

    public long? Total { get; init; }

    public long? Completed { get; init; }
}
