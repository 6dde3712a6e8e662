using OmniBot.Models.Store;

namespace OmniBot.Models.Catalog;

/// <summary>
/// Small models that run well on a desktop, by short name (<c>qwen2.5:0.5b</c>). A name without a tag
/// (<c>qwen2.5</c>) means the family's first, default entry. Sizes are approximate download sizes.
/// </summary>
public static class ModelCatalog
{
    private const long MB = 1_000_000;

    public static IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new(new("qwen2.5", "1.5b"), "hf:Qwen/Qwen2.5-1.5B-Instruct-GGUF:Q4_K_M", "Qwen2.5 1.5B Instruct, Q4_K_M", 934 * MB),
        new(new("qwen2.5", "0.5b"), "hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M", "Qwen2.5 0.5B Instruct, Q4_K_M", 397 * MB),
        new(new("qwen2.5", "3b"), "hf:Qwen/Qwen2.5-3B-Instruct-GGUF:Q4_K_M", "Qwen2.5 3B Instruct, Q4_K_M", 1_930 * MB),
        new(new("qwen2.5", "7b"), "hf:Qwen/Qwen2.5-7B-Instruct-GGUF:Q4_K_M", "Qwen2.5 7B Instruct, Q4_K_M (split in two files)", 4_680 * MB),
        new(new("llama3.2", "1b"), "hf:bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", "Llama 3.2 1B Instruct, Q4_K_M", 808 * MB),
        new(new("llama3.2", "3b"), "hf:bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M", "Llama 3.2 3B Instruct, Q4_K_M", 2_020 * MB),
        new(new("phi3.5", "3.8b"), "hf:bartowski/Phi-3.5-mini-instruct-GGUF:Q4_K_M", "Phi-3.5 mini Instruct, Q4_K_M", 2_200 * MB),
        new(new("gemma2", "2b"), "hf:bartowski/gemma-2-2b-it-GGUF:Q4_K_M", "Gemma 2 2B Instruct, Q4_K_M", 1_710 * MB),
        new(new("mistral", "7b"), "hf:bartowski/Mistral-7B-Instruct-v0.3-GGUF:Q4_K_M", "Mistral 7B Instruct v0.3, Q4_K_M", 4_370 * MB),
        new(new("all-minilm", "l6-v2"), "hf:second-state/All-MiniLM-L6-v2-Embedding-GGUF:Q8_0", "all-MiniLM-L6-v2 sentence embeddings, Q8_0", 25 * MB, CatalogModelKind.Embedding),
        new(new("bge-reranker", "v2-m3"), "hf:gpustack/bge-reranker-v2-m3-GGUF:Q8_0", "BGE reranker v2 m3, Q8_0", 636 * MB, CatalogModelKind.Reranker),
    ];

    /// <summary>Finds <c>name:tag</c>, or for <c>name</c> alone (tag "latest") the family's default entry.</summary>
    public static CatalogEntry? Find(ModelRef name) =>
        Entries.FirstOrDefault(entry => entry.Name == name)
        ?? (name.Tag == ModelRef.DefaultTag ? Entries.FirstOrDefault(entry => entry.Name.Name == name.Name) : null);
}
