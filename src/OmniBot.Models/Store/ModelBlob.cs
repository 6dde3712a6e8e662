namespace OmniBot.Models.Store;

/// <summary>One file of a model: its content digest ("sha256:&lt;hex&gt;"), size and original file name.</summary>
public sealed record ModelBlob(string Digest, long Size, string FileName);
