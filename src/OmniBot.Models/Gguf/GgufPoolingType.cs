namespace OmniBot.Models.Gguf;

/// <summary>How an embedding model pools token vectors into one vector (&lt;arch&gt;.pooling_type, llama.cpp's numbering).</summary>
public enum GgufPoolingType
{
    None = 0,
    Mean = 1,
    Cls = 2,
    Last = 3,
    Rank = 4,
}
