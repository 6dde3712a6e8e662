using OmniBot.Models.Store;

namespace OmniBot.Models.Downloads;

/// <summary>A remote source turned into the files to fetch (every part of a split model, in order) and the name it gets by default.</summary>
public sealed record ResolvedModelSource(ModelSource Source, IReadOnlyList<DownloadRequest> Files, ModelRef DefaultName);
