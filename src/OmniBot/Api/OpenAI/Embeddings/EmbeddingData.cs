namespace OmniBot.Api.OpenAI.Embeddings;

/// <summary>One input's vector: an array of floats, or a base64 string of little-endian float32 values.</summary>
public sealed record EmbeddingData(int Index, object Embedding)
{
    public string Object => "embedding";
}
