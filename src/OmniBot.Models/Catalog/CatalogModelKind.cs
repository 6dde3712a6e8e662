namespace OmniBot.Models.Catalog;

public enum CatalogModelKind
{
    Chat,
    Embedding,
    Reranker,
}
