namespace OmniBot.Models.Downloads;

/// <summary>A complete download whose digest was checked (where published) and whose GGUF structure was validated.</summary>
public sealed record DownloadedFile(string Path, string Digest, long Size);
