using System.Text.Json;
using System.Text.Json.Serialization;

namespace OmniBot.Engine.Tests.Embeddings;

/// <summary>One item of all-MiniLM-L6-v2.reference.json: a text, its reference token ids and ONNX Runtime's normalized embedding.</summary>
internal sealed record ReferenceSentence(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("token_ids")] int[] TokenIds,
    [property: JsonPropertyName("embedding")] float[] Embedding)
{
    private static readonly Lazy<IReadOnlyList<ReferenceSentence>> Loaded = new(() =>
        JsonSerializer.Deserialize<ReferenceSentence[]>(File.ReadAllBytes(Path.Combine(EmbeddingTestModels.SharedModelsDirectory, "all-MiniLM-L6-v2.reference.json")))
        ?? throw new InvalidDataException("The reference file is empty."));

    public static IReadOnlyList<ReferenceSentence> All => Loaded.Value;
}
