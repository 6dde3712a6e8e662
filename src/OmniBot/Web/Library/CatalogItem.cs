using OmniBot.Models.Catalog;

namespace OmniBot.Web.Library;

/// <summary>A recommended model and whether the store already has it under its short name.</summary>
public sealed record CatalogItem(CatalogEntry Entry, bool Installed);
