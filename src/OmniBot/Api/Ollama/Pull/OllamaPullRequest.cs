namespace OmniBot.Api.Ollama.Pull;

/// <summary>The body of <c>POST /api/pull</c>: a catalog name, an <c>hf:</c> source (or Ollama's <c>hf.co/…</c>) or an http(s) URL.</summary>
public sealed record OllamaPullRequest
{
    public string? Model { get; init; }

    public string? Name { get; init; }

    /// <summary>Accepted and ignored: downloads always use TLS where the source does.</summary>
    public bool? Insecure { get; init; }

    public bool? Stream { get; init; }

    public string? Source => string.IsNullOrWhiteSpace(Model) ? Name : Model;
}
