using System.Collections.Concurrent;
using OmniBot.Engine.Loading;
using OmniBot.TestModels;
using OmniBot.TestModels.Bert;

namespace OmniBot.Engine.Tests.Embeddings;

/// <summary>Loads each model once per test process; weights are read-only and every test makes its own context.</summary>
internal static class EmbeddingTestModels
{
    private const string MiniLmFileName = "all-MiniLM-L6-v2.f16.gguf";
    private static readonly ConcurrentDictionary<string, Lazy<Task<LlamaModel>>> Models = new(StringComparer.Ordinal);

    /// <summary>The real all-MiniLM-L6-v2 (BERT, mean pooling, 512 positions) from the shared models folder.</summary>
    public static Task<LlamaModel> MiniLmAsync() => LoadAsync(Path.Combine(SharedModelsDirectory, MiniLmFileName));

    public static Task<LlamaModel> TinyRerankerAsync() => LoadAsync(BertTestModelFiles.GetPath(BertTestModelSpec.TinyReranker));

    public static Task<LlamaModel> TinyBertEmbedderAsync() => LoadAsync(BertTestModelFiles.GetPath(BertTestModelSpec.TinyEmbedder));

    /// <summary>A causal decoder (F32, so batched and single evaluation agree bit for bit).</summary>
    public static Task<LlamaModel> TinyDecoderAsync(TestArchitecture architecture) =>
        LoadAsync(TestModelFiles.GetPath(TestModelSpec.Tiny(architecture), TestQuantization.F32));

    /// <summary>
    /// <c>shared/models</c>: found by walking up from the test assembly (a <c>shared/models</c> folder in an ancestor,
    /// or in the sibling <c>../shared</c> of an ancestor that is the repository root).
    /// </summary>
    public static string SharedModelsDirectory => OmniBot.TestModels.SharedData.ModelsDirectory;

    private static Task<LlamaModel> LoadAsync(string path) =>
        Models.GetOrAdd(path, key => new Lazy<Task<LlamaModel>>(() => LlamaModel.LoadAsync(key, new ModelLoadOptions { ContextSize = 512, Threads = 2 }))).Value;
}
