namespace OmniBot.Engine.Embeddings;

/// <summary>How token vectors become one vector per input (llama.cpp's pooling types).</summary>
public enum EmbeddingPooling
{
    /// <summary>The mean of every token's vector, special tokens included (sentence-transformers models).</summary>
    Mean = 1,

    /// <summary>The vector of the first token ([CLS]).</summary>
    Cls = 2,

    /// <summary>The vector of the last token, the one that has seen the whole input in a causal model.</summary>
    Last = 3,

    /// <summary>A reranker's relevance score from its classifier head; used by <see cref="LlamaReranker"/>.</summary>
    Rank = 4,
}
