using OmniBot.Models.Store;

namespace OmniBot.Api.Ollama.Models;

/// <summary>A model's <c>details</c> in tags, show and ps: format, family and size as Ollama words them.</summary>
public sealed record OllamaModelDetails
{
    public string ParentModel { get; init; } = string.Empty;

    public string Format { get; init; } = "gguf";

    /// <summary>The GGUF architecture, e.g. "llama", "qwen2", "bert".</summary>
    public required string Family { get; init; }

    public required IReadOnlyList<string> Families { get; init; }

    /// <summary>Weights, e.g. "494.03M" or "7.6B".</summary>
    public required string ParameterSize { get; init; }

    /// <summary>e.g. "Q4_K_M".</summary>
    public required string QuantizationLevel { get; init; }

    public static OllamaModelDetails From(ModelFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new OllamaModelDetails
        {
            Family = facts.Architecture,
            Families = [facts.Architecture],
            ParameterSize = OllamaParameterSize.Format(facts.ParameterCount),
            QuantizationLevel = facts.FileType ?? "unknown",
        };
    }
}
