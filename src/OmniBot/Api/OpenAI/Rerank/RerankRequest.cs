using System.Text.Json;

namespace OmniBot.Api.OpenAI.Rerank;

/// <summary>The body of <c>POST /v1/rerank</c> (llama.cpp's server and Jina's shape).</summary>
public sealed record RerankRequest
{
    public string? Model { get; init; }

    public string? Query { get; init; }

    /// <summary>Strings, or objects with a <c>text</c>.</summary>
    public IReadOnlyList<JsonElement>? Documents { get; init; }

    /// <summary>How many of the best documents to return; all when absent.</summary>
    public int? TopN { get; init; }

    /// <summary>Whether each result repeats its document's text.</summary>
    public bool? ReturnDocuments { get; init; }
}
