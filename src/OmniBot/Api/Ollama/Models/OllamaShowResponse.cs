using System.Text.Json.Nodes;

namespace OmniBot.Api.Ollama.Models;

/// <summary>The answer of <c>POST /api/show</c>: what the model is, from its GGUF file (there is no Modelfile).</summary>
public sealed record OllamaShowResponse
{
    public string? License { get; init; }

    /// <summary>The sampling defaults the server applies, one "name value" per line.</summary>
    public required string Parameters { get; init; }

    /// <summary>The model's chat template (Jinja, as in the GGUF file).</summary>
    public required string Template { get; init; }

    public required OllamaModelDetails Details { get; init; }

    /// <summary>The GGUF metadata: general.architecture, &lt;arch&gt;.context_length, …</summary>
    public required JsonObject ModelInfo { get; init; }

    /// <summary>completion, tools, thinking; or embedding.</summary>
    public required IReadOnlyList<string> Capabilities { get; init; }

    public required DateTimeOffset ModifiedAt { get; init; }
}
