namespace OmniBot.Api.OpenAI.Embeddings;

/// <summary>The vectors of every input, in input order.</summary>
public sealed record EmbeddingResponse(IReadOnlyList<EmbeddingData> Data, string Model, InputUsage Usage)
{
    public string Object => "list";
}
