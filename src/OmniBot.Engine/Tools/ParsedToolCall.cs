using System.Text.Json;

namespace OmniBot.Engine.Tools;

/// <summary>One tool call found in a reply: the function's name and its arguments object.</summary>
public sealed record ParsedToolCall(string Name, JsonElement Arguments);
