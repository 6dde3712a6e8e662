namespace OmniBot.Api.Ollama.Models;

/// <summary>A loaded model in <c>GET /api/ps</c>.</summary>
public sealed record OllamaRunningModel
{
    public required string Name { get; init; }

    public required string Model { get; init; }

    /// <summary>Bytes of memory the model takes.</summary>
    public required long Size { get; init; }

    public required string Digest { get; init; }

    public required OllamaModelDetails Details { get; init; }

    /// <summary>When it unloads if it stays idle; far in the future for a model kept loaded.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Bytes of it on the GPU.</summary>
    public required long SizeVram { get; init; }

    /// <summary>Tokens of context per conversation.</summary>
    public required int ContextLength { get; init; }
}
