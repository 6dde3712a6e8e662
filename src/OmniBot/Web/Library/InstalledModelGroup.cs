namespace OmniBot.Web.Library;

/// <summary>The tags (versions) installed under one model name, side by side.</summary>
public sealed record InstalledModelGroup(string Name, IReadOnlyList<InstalledModel> Tags);
