using OmniBot.Models.Store;

namespace OmniBot.Models.Catalog;

/// <summary>A recommended model: its short name, Hugging Face source and roughly how much it downloads.</summary>
public sealed record CatalogEntry(ModelRef Name, string Source, string Description, long ApproximateBytes, CatalogModelKind Kind = CatalogModelKind.Chat);
