namespace OmniBot.Web.Persistence;

/// <summary>A tool the model called while replying, with the arguments it passed and what the tool returned.</summary>
public sealed record ToolCallRecord(string CallId, string Name, string Arguments, string? Result);
